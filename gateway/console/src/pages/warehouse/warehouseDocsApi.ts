/**
 * Inventory's calls the requisition and transfer screens make, typed by the generated client. Decimals travel
 * as strings (documents/types.ts); every create carries the Submission's Idempotency-Key so a retry after a
 * lost answer replays instead of issuing or shipping twice.
 */
import { IDEMPOTENCY_HEADER, unwrap, type ErpClient } from "../../api/client";
import { fetchPage } from "../../api/lists";
import type { components } from "../../api/schema";
import { sendable, type AsSent } from "../../documents/types";

type Schemas = components["schemas"];
export type Requisition = AsSent<Schemas["Inventory.RequisitionOut"]>;
export type RequisitionLine = NonNullable<Requisition["lines"]>[number];
export type MaterialIssue = AsSent<Schemas["Inventory.IssueOut"]>;
export type MaterialIssueLine = NonNullable<MaterialIssue["lines"]>[number];
export type MaterialReturn = AsSent<Schemas["Inventory.ReturnOut"]>;
export type Transfer = AsSent<Schemas["Inventory.TransferOut"]>;
export type TransferLine = NonNullable<Transfer["lines"]>[number];
export type RequisitionBody = AsSent<Schemas["Inventory.RequisitionCreate"]>;
export type IssueBody = AsSent<Schemas["Inventory.IssueIn"]>;
export type ReturnBody = AsSent<Schemas["Inventory.ReturnIn"]>;
export type TransferBody = AsSent<Schemas["Inventory.TransferCreate"]>;
export type ReceiveBody = AsSent<Schemas["Inventory.TransferReceiveIn"]>;

export const REQUISITIONS_API = "/api/inventory/material-requisitions";
export const TRANSFERS_API = "/api/inventory/transfers";

const key = (idempotencyKey: string) => ({ [IDEMPOTENCY_HEADER]: idempotencyKey });
const requisition = (id: string) => ({ params: { path: { requisition_id: id } } });
const transfer = (id: string) => ({ params: { path: { transfer_id: id } } });

export const requisitions = {
  async read(api: ErpClient, id: string): Promise<Requisition> {
    const { data } = await unwrap(api.GET("/api/inventory/material-requisitions/{requisition_id}", requisition(id)));
    return data as unknown as Requisition;
  },
  async create(api: ErpClient, body: RequisitionBody, idempotencyKey: string): Promise<Requisition> {
    const { data } = await unwrap(api.POST("/api/inventory/material-requisitions", { body: sendable<Schemas["Inventory.RequisitionCreate"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as Requisition;
  },
  async approve(api: ErpClient, id: string): Promise<Requisition> {
    const { data } = await unwrap(api.POST("/api/inventory/material-requisitions/{requisition_id}/approve", requisition(id)));
    return data as unknown as Requisition;
  },
  async reject(api: ErpClient, id: string, reason: string): Promise<Requisition> {
    const { data } = await unwrap(api.POST("/api/inventory/material-requisitions/{requisition_id}/reject", { ...requisition(id), body: { reason } }));
    return data as unknown as Requisition;
  },
  async cancel(api: ErpClient, id: string, reason: string): Promise<Requisition> {
    const { data } = await unwrap(api.POST("/api/inventory/material-requisitions/{requisition_id}/cancel", { ...requisition(id), body: { reason } }));
    return data as unknown as Requisition;
  },
  async issue(api: ErpClient, id: string, body: IssueBody, idempotencyKey: string): Promise<MaterialIssue> {
    const { data } = await unwrap(
      api.POST("/api/inventory/material-requisitions/{requisition_id}/issues", { ...requisition(id), body: sendable<Schemas["Inventory.IssueIn"]>(body), headers: key(idempotencyKey) }),
    );
    return data as unknown as MaterialIssue;
  },
  async readIssue(api: ErpClient, issueId: string): Promise<MaterialIssue> {
    const { data } = await unwrap(api.GET("/api/inventory/material-issues/{issue_id}", { params: { path: { issue_id: issueId } } }));
    return data as unknown as MaterialIssue;
  },
  async returnUnused(api: ErpClient, issueId: string, body: ReturnBody, idempotencyKey: string): Promise<MaterialReturn> {
    const { data } = await unwrap(
      api.POST("/api/inventory/material-issues/{issue_id}/returns", { params: { path: { issue_id: issueId } }, body: sendable<Schemas["Inventory.ReturnIn"]>(body), headers: key(idempotencyKey) }),
    );
    return data as unknown as MaterialReturn;
  },
};

export const transfers = {
  async read(api: ErpClient, id: string): Promise<Transfer> {
    const { data } = await unwrap(api.GET("/api/inventory/transfers/{transfer_id}", transfer(id)));
    return data as unknown as Transfer;
  },
  async create(api: ErpClient, body: TransferBody, idempotencyKey: string): Promise<Transfer> {
    const { data } = await unwrap(api.POST("/api/inventory/transfers", { body: sendable<Schemas["Inventory.TransferCreate"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as Transfer;
  },
  async ship(api: ErpClient, id: string): Promise<Transfer> {
    const { data } = await unwrap(api.POST("/api/inventory/transfers/{transfer_id}/ship", transfer(id)));
    return data as unknown as Transfer;
  },
  async cancel(api: ErpClient, id: string): Promise<Transfer> {
    const { data } = await unwrap(api.POST("/api/inventory/transfers/{transfer_id}/cancel", transfer(id)));
    return data as unknown as Transfer;
  },
  async receive(api: ErpClient, id: string, body: ReceiveBody): Promise<Transfer> {
    const { data } = await unwrap(api.POST("/api/inventory/transfers/{transfer_id}/receive", { ...transfer(id), body: sendable<Schemas["Inventory.TransferReceiveIn"]>(body) }));
    return data as unknown as Transfer;
  },
};

/** What may be taken from an item at a warehouse now (on hand less reserved), over its batches or one batch. */
export async function availableStock(api: ErpClient, itemId: string, warehouseId: string, batchNo: string | null | undefined): Promise<string[]> {
  const page = await fetchPage(api, "/api/inventory/stock", { item_id: itemId, warehouse_id: warehouseId, batch_no: batchNo || undefined, page_size: 100 });
  return page.rows.map((row) => String(row.available ?? "0"));
}
