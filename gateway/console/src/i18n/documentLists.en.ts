/** English texts of the lists of receipts, payments, customer invoices and material issues (pages/lists/). */
const documentListsEn = {
  nav: {
    deliveries: "Delivery notes",
    goodsReceipts: "Goods receipts",
    supplierPayments: "Supplier payments",
    customerInvoices: "Customer invoices",
    customerPayments: "Customer payments",
    materialIssues: "Material issues",
  },
  fields: {
    deliveredAt: "Delivered at",
    deliveredBy: "Delivered by",
    purchaseOrder: "Purchase order",
    salesOrder: "Sales order",
    requisition: "Requisition",
    receivedAt: "Received at",
    receivedOn: "Received on",
    acceptedValue: "Accepted value",
    paidAt: "Paid on",
    amount: "Amount",
    reference: "Reference",
    invoiceDate: "Invoice date",
    dueDate: "Due date",
    openAmount: "Open",
    issuedAt: "Issued at",
    issuedBy: "Issued by",
    cost: "Cost",
  },
  invoiceStatus: {
    open: "Open",
    paid: "Paid",
  },
};

export type DocumentListsTexts = typeof documentListsEn;
export default documentListsEn;
