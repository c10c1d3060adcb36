import stat

from gateway import keys


def test_generates_a_private_key_readable_only_by_its_owner_and_its_public_key(tmp_path, monkeypatch, capsys):
    private, public = tmp_path / "keys/jwt-private.pem", tmp_path / "keys/jwt-public.pem"
    monkeypatch.setenv("ERP_JWT_PRIVATE_KEY_FILE", str(private))
    monkeypatch.setenv("ERP_JWT_PUBLIC_KEY_FILE", str(public))
    assert keys.main() == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert public.read_text() == keys.public_pem_of(private.read_text())
    assert "wrote" in capsys.readouterr().out


def test_an_existing_private_key_is_kept_and_a_missing_public_key_restored(tmp_path):
    private, public = tmp_path / "jwt-private.pem", tmp_path / "jwt-public.pem"
    keys.ensure_key_pair(private, public)
    first = private.read_text()
    public.unlink()
    assert keys.ensure_key_pair(private, public) == [f"wrote {public}"]
    assert private.read_text() == first and public.read_text() == keys.public_pem_of(first)
    assert keys.ensure_key_pair(private, public) == []
