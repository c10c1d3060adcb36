/**
 * A printable document (purchase order, delivery note) fetched with the user's token and handed to the
 * browser as a file: a plain link would go without the Authorization header and be refused.
 */
import { FilePdfOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { unwrap } from "../api/client";
import { useAuth } from "../auth/AuthProvider";
import { describeError } from "../errors/ErrorNotice";

/** The file name from `Content-Disposition: inline; filename="PO-2026-000001.pdf"`, else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  return match ? decodeURIComponent(match[1]) : fallback;
}

type PdfPath = "/api/procurement/purchase-orders/{order_id}/pdf" | "/api/sales/deliveries/{delivery_id}/pdf";

export function PdfButton({ path, params, fileName, label, size }: { path: PdfPath; params: Record<string, string>; fileName: string; label?: string; size?: "small" }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);

  async function download() {
    setLoading(true);
    try {
      const get = api.GET as unknown as (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
      const { data, response } = await unwrap(get(path, { params: { path: params }, parseAs: "blob" }));
      const url = URL.createObjectURL(data as Blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = fileNameOf(response.headers.get("Content-Disposition"), fileName);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Button icon={<FilePdfOutlined />} loading={loading} onClick={() => void download()} size={size} data-action="pdf">
      {label ?? t("documents.actions.pdf")}
    </Button>
  );
}
