/**
 * The routes of the document screens (purchase and sales orders: new, change, detail), each loaded when first
 * opened. A route answers 403 when the user's roles may not make the call it needs.
 */
import { lazy, type ReactNode } from "react";
import { Route, useParams } from "react-router";
import { useAuth } from "../auth/AuthProvider";
import { isAllowed } from "../auth/permissions";
import { Forbidden } from "./StatusPages";

const procurement = () => import("./procurement/PurchaseOrderFormPage");
const NewPurchaseOrderPage = lazy(() => procurement().then((module) => ({ default: module.NewPurchaseOrderPage })));
const EditPurchaseOrderPage = lazy(() => procurement().then((module) => ({ default: module.EditPurchaseOrderPage })));
const PurchaseOrderDetailPage = lazy(() => import("./procurement/PurchaseOrderDetailPage").then((module) => ({ default: module.PurchaseOrderDetailPage })));
const sales = () => import("./sales/SalesOrderFormPage");
const NewSalesOrderPage = lazy(() => sales().then((module) => ({ default: module.NewSalesOrderPage })));
const EditSalesOrderPage = lazy(() => sales().then((module) => ({ default: module.EditSalesOrderPage })));
const SalesOrderDetailPage = lazy(() => import("./sales/SalesOrderDetailPage").then((module) => ({ default: module.SalesOrderDetailPage })));

function Guard({ path, children }: { path: (id: string) => string; children: ReactNode }) {
  const { roles } = useAuth();
  const { orderId = "" } = useParams();
  return isAllowed(roles, "GET", path(orderId)) ? children : <Forbidden />;
}

const PO = (id: string) => `/api/procurement/purchase-orders/${id || "new"}`;
const SO = (id: string) => `/api/sales/sales-orders/${id || "new"}`;

/** Called inside <Routes> (App.tsx): more specific than the lists at the same paths, so they win there. */
export function documentRoutes() {
  return [
    <Route key="po-new" path="/procurement/purchase-orders/new" element={<Guard path={PO}><NewPurchaseOrderPage /></Guard>} />,
    <Route key="po-edit" path="/procurement/purchase-orders/:orderId/edit" element={<Guard path={PO}><EditPurchaseOrderPage /></Guard>} />,
    <Route key="po" path="/procurement/purchase-orders/:orderId" element={<Guard path={PO}><PurchaseOrderDetailPage /></Guard>} />,
    <Route key="so-new" path="/sales/sales-orders/new" element={<Guard path={SO}><NewSalesOrderPage /></Guard>} />,
    <Route key="so-edit" path="/sales/sales-orders/:orderId/edit" element={<Guard path={SO}><EditSalesOrderPage /></Guard>} />,
    <Route key="so" path="/sales/sales-orders/:orderId" element={<Guard path={SO}><SalesOrderDetailPage /></Guard>} />,
  ];
}
