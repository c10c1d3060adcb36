/**
 * What the caller may do with a master record, asked of the gateway's policy with the exact call each button
 * makes, so a viewer is never offered a button the gateway would answer with a 403.
 */
import { isAllowed } from "../auth/permissions";
import type { MasterRecord, RecordFormSpec } from "./spec";

export interface RecordPermissions {
  create: boolean;
  save: boolean;
  deactivate: boolean;
}

export function mayCreate(spec: RecordFormSpec, roles: readonly string[]): boolean {
  return isAllowed(roles, "POST", spec.path);
}

/** For an existing record: Save when PATCH is allowed, Deactivate when allowed and the record is still active. */
export function recordPermissions(spec: RecordFormSpec, roles: readonly string[], record: MasterRecord): RecordPermissions {
  const at = `${spec.path}/${record.id}`;
  return {
    create: mayCreate(spec, roles),
    save: isAllowed(roles, "PATCH", at),
    deactivate: record.active === true && isAllowed(roles, "POST", `${at}/deactivate`),
  };
}
