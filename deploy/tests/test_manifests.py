"""Offline checks of the deployment files: schemas, rendering, and the policies docs/deployment.md promises.

Nothing here needs Docker or a cluster: docker-compose.yml is checked against the compose-spec schema, the
kustomize overlays are rendered with `kubectl kustomize` and every object is validated against the
Kubernetes OpenAPI schemas (kubernetes-validate, strict), then the rendered objects are checked for
resources, probes, securityContext, PDB/HPA coverage and network isolation. A test skips only when the tool
it needs is absent from this machine.
"""
from __future__ import annotations

import base64
import functools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "deploy/docker/Dockerfile"
RABBITMQ_DIR = ROOT / "deploy/rabbitmq"
K8S_VERSION = "1.30.0"
KUSTOMIZATIONS = ("base", "overlays/dev", "overlays/prod")

SERVICES = ("procurement", "inventory", "sales", "manufacturing", "finance", "hr")
DATABASES = tuple(f"erp_{name}" for name in (*SERVICES, "gateway"))
ERP_UID = 10001
PINNED_IMAGES = {"postgres:15", "rabbitmq:3.10-management", "redis:7"}
# Secrets prod expects the cluster to provide (documented in k8s/base/kustomization.yaml).
EXTERNAL_SECRETS = {"erp-datastores", "erp-jwt", "erp-admin"}


def procfile_ports() -> dict[str, int]:
    """{process: port} for the APIs and the gateway in the Procfile: the last port-like number of the
    command line (`scripts/api.sh inventory 8102`, `... ${ERP_GATEWAY_PORT:-8080}`)."""
    ports = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        process, _, command = line.partition(":")
        numbers = re.findall(r"\b(\d{4,5})\b", command)
        if (process.endswith("-api") or process == "gateway") and numbers:
            ports[process.strip()] = int(numbers[-1])
    return ports


EXPECTED_PORTS = {**{f"{name}-api": 8101 + i for i, name in enumerate(SERVICES)}, "gateway": 8080}


def test_expected_ports_match_the_procfile():
    ports = procfile_ports()
    assert {name: ports.get(name) for name in EXPECTED_PORTS} == EXPECTED_PORTS


# --------------------------------------------------------------------------------------------- image

def dockerfile_stages() -> dict[str, list[str]]:
    """{stage name: its instruction lines}, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    stages: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            current = line.split()[-1] if " AS " in line.upper() else f"stage{len(stages)}"
            stages[current] = []
        if current:
            stages[current].append(line)
    return stages


def test_dockerfile_final_stage_is_slim_non_root_and_unbuffered():
    stages = dockerfile_stages()
    final = list(stages.values())[-1]
    text = "\n".join(final)
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim-bookworm$", DOCKERFILE.read_text(), re.M)
    assert final[0].startswith("FROM ${PYTHON_IMAGE}")
    assert re.search(rf"^USER {ERP_UID}(:{ERP_UID})?$", text, re.M), "the final stage must run as uid 10001"
    assert "PYTHONUNBUFFERED=1" in text
    assert not re.search(r"apt-get install|build-essential|\bgcc\b", text), "no build tools in the final stage"
    assert "COPY --from=build /opt/venv /opt/venv" in text
    path = re.search(r"ENV PATH=(\S+)", text).group(1).split(":")
    assert "/opt/venv/bin" in path
    wait = re.search(r"COPY \S* ?deploy/docker/wait_for_migrations\.py (\S+)", text).group(1)
    directory, executable = wait.rsplit("/", 1)
    assert executable == "wait-for-migrations" and directory in path, "k8s init containers run it from PATH"


def test_the_image_builds_the_console_and_the_gateway_serves_that_build():
    stages = dockerfile_stages()
    console = stages["console"]
    assert re.search(r"^ARG NODE_IMAGE=node:20\.\d+-bookworm-slim$", DOCKERFILE.read_text(), re.M)
    assert console[0] == "FROM ${NODE_IMAGE} AS console"
    steps = "\n".join(console)
    assert "package-lock.json" in steps and re.search(r"npm ci\b", steps), "the lockfile decides the versions"
    assert steps.index("npm ci") < steps.index("npm run build")
    final = "\n".join(list(stages.values())[-1])
    assert "COPY --from=console /console/dist /opt/erp/console" in final
    assert "ERP_CONSOLE_DIR=/opt/erp/console" in final
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "**/node_modules" in ignored, "the host's node_modules must not reach the build context"


def test_dockerfile_installs_shared_every_service_and_the_gateway():
    build = "\n".join(dockerfile_stages()["build"])
    for package in ("./shared", *(f"./services/{name}" for name in SERVICES), "./gateway"):
        assert re.search(rf"{re.escape(package)}(\s|$)", build), f"{package} is not installed"


def test_dockerignore_keeps_local_state_out_of_the_build_context():
    entries = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    for required in (".venv", "var", ".git", "**/node_modules", "**/__pycache__"):
        assert required in entries


def test_wait_for_migrations_waits_for_head_and_accepts_a_newer_schema(tmp_path):
    pytest.importorskip("inventory.models", reason="the inventory service package is not installed")
    from alembic import command
    from erp_shared.migrations import alembic_config

    url = f"sqlite:///{tmp_path / 'inventory.db'}"
    env = {**os.environ, "INVENTORY_DATABASE_URL": url}
    script = [sys.executable, str(ROOT / "deploy/docker/wait_for_migrations.py"), "inventory", "--timeout", "0"]

    def wait() -> subprocess.CompletedProcess:
        return subprocess.run(script, env=env, capture_output=True, text=True, timeout=60)

    assert wait().returncode == 1, "an empty database is not at head"
    command.stamp(alembic_config("inventory", url), "head")
    assert wait().returncode == 0
    with sqlite3.connect(tmp_path / "inventory.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_a_newer_release'")
    result = wait()
    assert result.returncode == 0 and "newer" in result.stdout, "a rollback must not be blocked"


# ------------------------------------------------------------------------------------------- compose

@functools.cache
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())  # PyYAML resolves the `<<` merge keys


def compose_api_services() -> list[str]:
    return [name for name in compose()["services"] if name.endswith("-api") or name == "gateway"]


def check_jsonschema() -> str:
    tool = (shutil.which("check-jsonschema")
            or shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)))
    if not tool:
        pytest.skip("check-jsonschema is not installed")
    return tool


def test_compose_file_validates_against_the_compose_spec():
    result = subprocess.run([check_jsonschema(), "--builtin-schema", "vendor.compose-spec", str(COMPOSE_FILE)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_docker_compose_config_accepts_the_file():
    if not shutil.which("docker"):
        pytest.skip("the docker client is not installed")
    version = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, timeout=60)
    if version.returncode != 0:
        reason = (version.stderr.strip() or version.stdout.strip()).splitlines()[0]
        pytest.skip(f"the docker compose plugin is not available ({reason})")
    result = subprocess.run(["docker", "compose", "-f", str(COMPOSE_FILE), "config", "-q"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_compose_every_erp_process_starts_after_migrate_completes():
    services = compose()["services"]
    erp = [name for name in services if name.endswith(("-api", "-worker")) or name == "gateway"]
    assert sorted(erp) == sorted([*(f"{s}-api" for s in SERVICES), *(f"{s}-worker" for s in SERVICES), "gateway"])
    for name in erp:
        depends = services[name].get("depends_on", {})
        assert depends.get("migrate", {}).get("condition") == "service_completed_successfully", name


def test_compose_migrate_runs_every_setup_step_after_healthy_datastores():
    migrate = compose()["services"]["migrate"]
    assert {name: dep["condition"] for name, dep in migrate["depends_on"].items()} == {
        "postgres": "service_healthy", "rabbitmq": "service_healthy"}
    script = " ".join(migrate["command"])
    migrate_line = re.search(r"erp-manage migrate ([a-z ]+)", script).group(1).split()
    assert set(migrate_line) == {*SERVICES, "gateway"}
    for step in ("erp-manage declare-topology", "python -m gateway.keys", "python -m gateway.bootstrap"):
        assert step in script
    assert script.index("python -m gateway.keys") < script.index("python -m gateway.bootstrap")
    assert migrate["restart"] == "no"


def test_compose_datastores_have_healthchecks_and_pinned_images():
    services = compose()["services"]
    for name in ("postgres", "rabbitmq", "redis"):
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
        assert services[name]["image"] in PINNED_IMAGES
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
    assert "rabbitmq-diagnostics -q ping" in " ".join(services["rabbitmq"]["healthcheck"]["test"])


def test_compose_apis_have_healthchecks_on_their_procfile_ports():
    services = compose()["services"]
    for name in compose_api_services():
        service = services[name]
        assert "/health" in " ".join(service["healthcheck"]["test"]), name
        assert int(service["environment"]["ERP_API_PORT"]) == EXPECTED_PORTS[name], name
        assert service["environment"].get("PROMETHEUS_MULTIPROC_DIR") in service["tmpfs"], name
    gateway = services["gateway"]
    assert "0.0.0.0:8080" in gateway["command"] and gateway["ports"] == ["${ERP_GATEWAY_PORT:-8080}:8080"]
    for service in SERVICES:
        upstream = urlsplit(gateway["environment"][f"ERP_UPSTREAM_{service.upper()}"])
        assert (upstream.hostname, upstream.port) == (f"{service}-api", EXPECTED_PORTS[f"{service}-api"])


def test_compose_erp_containers_are_locked_down():
    services = compose()["services"]
    for name, service in services.items():
        if name in ("postgres", "rabbitmq", "redis"):
            continue
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        assert ":latest" not in service["image"] and ":" in service["image"].split("/")[-1], name


def test_compose_mounts_what_rabbitmq_conf_loads():
    definitions_dir = rabbitmq_conf()["load_definitions"]
    rabbitmq = compose()["services"]["rabbitmq"]
    targets = {volume.split(":")[1] for volume in rabbitmq["volumes"]}
    targets |= {config["target"] for config in rabbitmq["configs"]}
    assert {"/etc/rabbitmq/rabbitmq.conf", "/etc/rabbitmq/enabled_plugins"} <= targets
    assert {f"{definitions_dir}/10-users.json", f"{definitions_dir}/20-topology.json"} <= targets
    users = json.loads(compose()["configs"]["rabbitmq-users"]["content"])
    assert users["users"][0]["name"] == urlsplit(compose()["x-erp-env"]["ERP_RABBITMQ_URL"]).username
    assert "${RABBITMQ_PASSWORD:-guest}" in compose()["x-erp-env"]["ERP_RABBITMQ_URL"]
    assert users["users"][0]["password"] == "${RABBITMQ_PASSWORD:-guest}"


# ------------------------------------------------------------------------------------ datastore files

def rabbitmq_conf() -> dict[str, str]:
    pairs = {}
    for line in (RABBITMQ_DIR / "rabbitmq.conf").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def test_rabbitmq_files():
    conf = rabbitmq_conf()
    assert conf["load_definitions"] == "/etc/rabbitmq/definitions.d"
    assert "management.load_definitions" not in conf, "the core key already imports the files"
    assert conf["loopback_users.guest"] == "false"
    plugins = (RABBITMQ_DIR / "enabled_plugins").read_text().strip()
    assert re.fullmatch(r"\[[a-z_]+(,[a-z_]+)*\]\.", plugins) and "rabbitmq_management" in plugins
    definitions = json.loads((RABBITMQ_DIR / "definitions.json").read_text())
    assert {"name": "erp"} in [{"name": vhost["name"]} for vhost in definitions["vhosts"]]


def test_postgres_init_creates_every_database():
    sql = (ROOT / "deploy/postgres/init/10-create-databases.sql").read_text()
    assert sorted(re.findall(r"^CREATE DATABASE (\w+);$", sql, re.M)) == sorted(DATABASES)
    volumes = compose()["services"]["postgres"]["volumes"]
    assert "./deploy/postgres/init:/docker-entrypoint-initdb.d:ro" in volumes


# ---------------------------------------------------------------------------------------- kubernetes

@functools.cache
def rendered(kustomization: str) -> tuple[dict, ...]:
    kubectl = shutil.which("kubectl")
    if not kubectl:
        pytest.skip("kubectl is not installed")
    result = subprocess.run([kubectl, "kustomize", str(ROOT / "k8s" / kustomization)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def of_kind(objects, *kinds) -> list[dict]:
    return [obj for obj in objects if obj["kind"] in kinds]


def pod_spec(obj: dict) -> dict | None:
    if obj["kind"] in ("Deployment", "StatefulSet", "Job", "DaemonSet", "ReplicaSet"):
        return obj["spec"]["template"]["spec"]
    return None


def containers(obj: dict) -> list[dict]:
    spec = pod_spec(obj) or {}
    return [*spec.get("initContainers", []), *spec.get("containers", [])]


def pod_labels(obj: dict) -> dict:
    return obj["spec"]["template"]["metadata"].get("labels", {})


def selects(selector: dict, labels: dict) -> bool:
    operators = {"In": lambda key, values: labels.get(key) in values,
                 "NotIn": lambda key, values: labels.get(key) not in values,
                 "Exists": lambda key, values: key in labels,
                 "DoesNotExist": lambda key, values: key not in labels}
    return (all(labels.get(key) == value for key, value in selector.get("matchLabels", {}).items())
            and all(operators[e["operator"]](e["key"], e.get("values", ()))
                    for e in selector.get("matchExpressions", [])))


def api_deployments(objects) -> list[dict]:
    return [obj for obj in of_kind(objects, "Deployment")
            if obj["metadata"]["labels"].get("app.kubernetes.io/component") in ("api", "gateway")]


def name(obj: dict) -> str:
    return f"{obj['kind']}/{obj['metadata']['name']}"


@pytest.fixture(params=KUSTOMIZATIONS)
def objects(request):
    return rendered(request.param)


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_kustomization_renders_and_validates_strictly(kustomization):
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    failures = []
    for obj in rendered(kustomization):
        try:
            kubernetes_validate.validate(obj, K8S_VERSION, strict=True)
        except Exception as exc:  # noqa: BLE001 - collect every invalid object, then fail once
            failures.append(f"{name(obj)}: {getattr(exc, 'message', exc)}")
    assert not failures, "\n".join(failures)


def test_everything_lives_in_the_erp_namespace(objects):
    for obj in objects:
        if obj["kind"] != "Namespace":
            assert obj["metadata"].get("namespace") == "erp", name(obj)


def test_every_container_has_resource_requests_and_limits(objects):
    for obj in objects:
        for container in containers(obj):
            resources = container.get("resources", {})
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources.get(kind, {})), f"{name(obj)} {container['name']} {kind}"


def test_every_container_runs_with_the_restricted_security_context(objects):
    for obj in objects:
        spec = pod_spec(obj)
        if spec is None:
            continue
        pod = spec.get("securityContext", {})
        assert spec.get("automountServiceAccountToken") is False, name(obj)
        for container in containers(obj):
            effective = {**pod, **container.get("securityContext", {})}
            where = f"{name(obj)} {container['name']}"
            assert effective.get("runAsNonRoot") is True, where
            assert container["securityContext"].get("allowPrivilegeEscalation") is False, where
            assert container["securityContext"].get("readOnlyRootFilesystem") is True, where
            assert container["securityContext"].get("capabilities", {}).get("drop") == ["ALL"], where
            assert effective.get("seccompProfile", {}).get("type") == "RuntimeDefault", where
            if container["image"].split(":")[0].endswith("erp"):
                assert effective.get("runAsUser") == ERP_UID, where
                mounts = {mount["mountPath"] for mount in container.get("volumeMounts", [])}
                assert "/tmp" in mounts, f"{where}: a read-only root needs a writable /tmp"


def test_images_are_pinned(objects):
    for obj in objects:
        for container in containers(obj):
            image = container["image"]
            repository, _, tag = image.rpartition(":")
            assert repository and "/" not in tag, f"{name(obj)}: {image} has no tag"
            assert tag != "latest", f"{name(obj)}: {image}"
            if not repository.endswith("erp"):
                assert image in PINNED_IMAGES, f"{name(obj)}: unexpected image {image}"


def test_api_containers_have_startup_liveness_and_readiness_probes(objects):
    deployments = api_deployments(objects)
    assert len(deployments) == len(SERVICES) + 1
    for deployment in deployments:
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert container["livenessProbe"]["httpGet"]["path"] == "/health", name(deployment)
        assert container["readinessProbe"]["httpGet"]["path"] == "/ready?only=database", name(deployment)
        assert container["startupProbe"]["httpGet"]["path"] == "/health", name(deployment)
        ports = {port["name"]: port["containerPort"] for port in container["ports"]}
        assert ports["http"] == EXPECTED_PORTS[deployment["metadata"]["name"]], name(deployment)
        env = {item["name"]: item.get("value") for item in container.get("env", [])}
        mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
        assert env.get("PROMETHEUS_MULTIPROC_DIR") in mounts, f"{name(deployment)}: metrics directory not mounted"


def test_only_containers_with_the_metrics_directory_are_told_about_it(objects):
    """prometheus_client fails on a PROMETHEUS_MULTIPROC_DIR that does not exist."""
    configmaps = {cm["metadata"]["name"]: cm.get("data", {}) for cm in of_kind(objects, "ConfigMap")}
    for obj in objects:
        for container in containers(obj):
            env = {item["name"]: item.get("value") for item in container.get("env", [])}
            for source in container.get("envFrom", []):
                env = {**configmaps.get(source.get("configMapRef", {}).get("name"), {}), **env}
            directory = env.get("PROMETHEUS_MULTIPROC_DIR")
            if directory:
                assert directory in {m["mountPath"] for m in container.get("volumeMounts", [])}, name(obj)


def test_every_api_deployment_has_a_pdb_and_a_cpu_hpa(objects):
    pdbs = of_kind(objects, "PodDisruptionBudget")
    hpas = of_kind(objects, "HorizontalPodAutoscaler")
    for deployment in api_deployments(objects):
        labels = pod_labels(deployment)
        assert any(selects(pdb["spec"]["selector"], labels) for pdb in pdbs), f"{name(deployment)} has no PDB"
        targeting = [hpa for hpa in hpas if hpa["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1", "kind": "Deployment", "name": deployment["metadata"]["name"]}]
        assert len(targeting) == 1, f"{name(deployment)} has no HPA"
        assert targeting[0]["apiVersion"] == "autoscaling/v2"
        assert [m["resource"]["name"] for m in targeting[0]["spec"]["metrics"]] == ["cpu"]
        assert targeting[0]["spec"]["minReplicas"] >= 1


def test_services_reach_their_api_pods_on_the_procfile_ports(objects):
    deployments = {dep["metadata"]["name"]: dep for dep in api_deployments(objects)}
    for service in of_kind(objects, "Service"):
        if service["metadata"]["name"] not in EXPECTED_PORTS:
            continue
        deployment = deployments[service["metadata"]["name"]]
        assert selects({"matchLabels": service["spec"]["selector"]}, pod_labels(deployment))
        assert service["spec"]["ports"][0]["port"] == EXPECTED_PORTS[service["metadata"]["name"]]
        assert service["spec"]["ports"][0]["targetPort"] == "http"
    config = next(cm for cm in of_kind(objects, "ConfigMap") if cm["metadata"]["name"].startswith("erp-config"))
    for service in SERVICES:
        upstream = urlsplit(config["data"][f"ERP_UPSTREAM_{service.upper()}"])
        assert (upstream.hostname, upstream.port) == (f"{service}-api", EXPECTED_PORTS[f"{service}-api"])


def test_network_policies_deny_by_default_and_open_only_the_designed_paths(objects):
    policies = {policy["metadata"]["name"]: policy["spec"] for policy in of_kind(objects, "NetworkPolicy")}
    deny = [spec for spec in policies.values()
            if spec["podSelector"] == {} and set(spec["policyTypes"]) == {"Ingress", "Egress"}
            and not spec.get("ingress") and not spec.get("egress")]
    assert deny, "no default deny-all NetworkPolicy"
    api_ingress = policies["api-ingress-from-gateway"]
    assert api_ingress["ingress"][0]["from"] == [
        {"podSelector": {"matchLabels": {"app.kubernetes.io/component": "gateway"}}}]
    for deployment in api_deployments(objects):
        labels = pod_labels(deployment)
        allowed = [spec for spec in policies.values() if "Ingress" in spec["policyTypes"]
                   and spec.get("ingress") and selects(spec["podSelector"], labels)]
        assert allowed, f"{name(deployment)} is unreachable"
    assert {port["port"] for port in policies["allow-dns-egress"]["egress"][0]["ports"]} == {53}


def egress_ports(objects, labels: dict) -> set:
    """Every port some Egress rule of a policy selecting `labels` opens (peers aside)."""
    return {port["port"] for policy in of_kind(objects, "NetworkPolicy")
            if "Egress" in policy["spec"]["policyTypes"] and selects(policy["spec"]["podSelector"], labels)
            for rule in policy["spec"].get("egress", []) for port in rule.get("ports", [])}


def test_each_kind_of_erp_pod_reaches_exactly_the_datastores_it_uses(objects):
    expected = {"api": {53, 5432, 5672, 15672}, "worker": {53, 5432, 5672, 15672},
                "migration": {53, 5432, 5672, 15672}, "gateway": {53, 5432, 6379, "http"}}
    seen = set()
    for obj in objects:
        if pod_spec(obj) is None or pod_labels(obj).get("app.kubernetes.io/part-of") != "erp":
            continue
        component = pod_labels(obj)["app.kubernetes.io/component"]
        seen.add(component)
        assert egress_ports(objects, pod_labels(obj)) == expected[component], name(obj)
    assert seen == set(expected)


def test_every_erp_pod_waits_for_its_schema_and_every_schema_has_a_job(objects):
    jobs = {job["metadata"]["name"]: job for job in of_kind(objects, "Job")}
    assert set(jobs) == {*(f"{s}-migrate" for s in SERVICES), "gateway-migrate", "declare-topology"}
    for job in jobs.values():
        assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
        assert job["spec"].get("ttlSecondsAfterFinished") and job["spec"].get("activeDeadlineSeconds")
    gateway_job = [c["command"] for c in containers(jobs["gateway-migrate"])]
    assert gateway_job == [["erp-manage", "migrate", "gateway"], ["python", "-m", "gateway.bootstrap"]]
    for deployment in of_kind(objects, "Deployment"):
        if deployment["metadata"]["labels"].get("app.kubernetes.io/part-of") != "erp":
            continue
        init = deployment["spec"]["template"]["spec"].get("initContainers", [])
        assert [c["name"] for c in init] == ["wait-for-migrations"], name(deployment)


def test_references_resolve_to_generated_or_documented_external_objects(objects):
    defined = {(obj["kind"], obj["metadata"]["name"]) for obj in objects}
    missing = set()
    for obj in objects:
        spec = pod_spec(obj)
        if spec is None:
            continue
        refs = {("ServiceAccount", spec.get("serviceAccountName", "default"))} - {("ServiceAccount", "default")}
        for container in containers(obj):
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    refs.add(("ConfigMap", source["configMapRef"]["name"]))
                if "secretRef" in source:
                    refs.add(("Secret", source["secretRef"]["name"]))
        for volume in spec.get("volumes", []):
            if "configMap" in volume:
                refs.add(("ConfigMap", volume["configMap"]["name"]))
            if "secret" in volume:
                refs.add(("Secret", volume["secret"]["secretName"]))
        missing |= refs - defined
    is_dev = any(obj["kind"] == "StatefulSet" for obj in objects)
    assert missing == (set() if is_dev else {("Secret", secret) for secret in EXTERNAL_SECRETS})


# ------------------------------------------------------------------------------------------ dev only

def test_dev_overlay_runs_the_datastores_in_cluster():
    objects = rendered("overlays/dev")
    statefulsets = {sts["metadata"]["name"]: sts for sts in of_kind(objects, "StatefulSet")}
    assert set(statefulsets) == {"postgres", "rabbitmq"}
    services = {svc["metadata"]["name"]: svc for svc in of_kind(objects, "Service")}
    for sts in statefulsets.values():
        assert services[sts["spec"]["serviceName"]]["spec"]["clusterIP"] == "None"
        assert sts["spec"]["volumeClaimTemplates"], name(sts)
        container = sts["spec"]["template"]["spec"]["containers"][0]
        assert {"startupProbe", "readinessProbe", "livenessProbe"} <= set(container), name(sts)
    assert [dep["metadata"]["name"] for dep in of_kind(objects, "Deployment") if dep["metadata"]["name"] == "redis"]
    policies = {p["metadata"]["name"] for p in of_kind(objects, "NetworkPolicy")}
    assert {"postgres-ingress-from-erp", "rabbitmq-ingress-from-erp", "redis-ingress-from-gateway"} <= policies


def test_dev_overlay_loads_the_rabbitmq_definitions_and_consistent_credentials():
    objects = rendered("overlays/dev")
    rabbitmq = next(sts for sts in of_kind(objects, "StatefulSet") if sts["metadata"]["name"] == "rabbitmq")
    mounts = {m["mountPath"]: m for m in rabbitmq["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]}
    definitions_dir = rabbitmq_conf()["load_definitions"]
    assert mounts[f"{definitions_dir}/20-topology.json"]["subPath"] == "definitions.json"
    assert mounts[f"{definitions_dir}/10-users.json"]["subPath"] == "10-users.json"
    config = next(cm for cm in of_kind(objects, "ConfigMap") if cm["metadata"]["name"].startswith("rabbitmq-config"))
    assert json.loads(config["data"]["definitions.json"]) == json.loads((RABBITMQ_DIR / "definitions.json").read_text())

    def secret(prefix: str) -> dict[str, str]:
        obj = next(s for s in of_kind(objects, "Secret") if s["metadata"]["name"].startswith(prefix + "-"))
        return {key: base64.b64decode(value).decode() for key, value in obj["data"].items()}

    datastores, postgres = secret("erp-datastores"), secret("postgres-credentials")
    users = json.loads(secret("rabbitmq-users")["10-users.json"])["users"]
    for key in ("ERP_RABBITMQ_URL", "ERP_RABBITMQ_MANAGEMENT_URL"):
        url = urlsplit(datastores[key])
        assert {"name": url.username, "password": url.password, "tags": "administrator"} in users, key
    database = urlsplit(datastores["ERP_DATABASE_URL_TEMPLATE"])
    assert (database.username, database.password) == (postgres["POSTGRES_USER"], postgres["POSTGRES_PASSWORD"])
    assert database.hostname == "postgres" and database.path == "/erp_{service}"
    jwt = secret("erp-jwt")
    assert jwt["jwt-private.pem"].startswith("-----BEGIN PRIVATE KEY-----")
    assert jwt["jwt-public.pem"].startswith("-----BEGIN PUBLIC KEY-----")
