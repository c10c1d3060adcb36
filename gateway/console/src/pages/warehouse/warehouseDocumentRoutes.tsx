/**
 * The routes of the warehouse document screens (material requisitions and transfers: new, detail), each
 * loaded when first opened. A route answers 403 when the user's roles may not make the call it needs.
 */
import { lazy, type ReactNode } from "react";
import { Route, useParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { Forbidden } from "../StatusPages";

const NewRequisitionPage = lazy(() => import("./RequisitionFormPage").then((module) => ({ default: module.NewRequisitionPage })));
const RequisitionDetailPage = lazy(() => import("./RequisitionDetailPage").then((module) => ({ default: module.RequisitionDetailPage })));
const NewTransferPage = lazy(() => import("./TransferFormPage").then((module) => ({ default: module.NewTransferPage })));
const TransferDetailPage = lazy(() => import("./TransferDetailPage").then((module) => ({ default: module.TransferDetailPage })));

function Guard({ path, children }: { path: (id: string) => string; children: ReactNode }) {
  const { roles } = useAuth();
  const { documentId = "" } = useParams();
  return isAllowed(roles, "GET", path(documentId)) ? children : <Forbidden />;
}

const MR = (id: string) => `/api/inventory/material-requisitions/${id || "new"}`;
const TR = (id: string) => `/api/inventory/transfers/${id || "new"}`;

/** Called inside <Routes> (App.tsx): more specific than the lists at the same paths, so they win there. */
export function warehouseDocumentRoutes() {
  return [
    <Route key="mr-new" path="/inventory/requisitions/new" element={<Guard path={MR}><NewRequisitionPage /></Guard>} />,
    <Route key="mr" path="/inventory/requisitions/:documentId" element={<Guard path={MR}><RequisitionDetailPage /></Guard>} />,
    <Route key="tr-new" path="/inventory/transfers/new" element={<Guard path={TR}><NewTransferPage /></Guard>} />,
    <Route key="tr" path="/inventory/transfers/:documentId" element={<Guard path={TR}><TransferDetailPage /></Guard>} />,
  ];
}
