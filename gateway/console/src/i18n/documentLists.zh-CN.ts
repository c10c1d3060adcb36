/** 收货单、付款、客户发票和发料单列表的中文文本（与 documentLists.en.ts 同一结构）。 */
import type { DocumentListsTexts } from "./documentLists.en";

const documentListsZhCN: DocumentListsTexts = {
  nav: {
    deliveries: "发货单",
    goodsReceipts: "收货单",
    supplierPayments: "供应商付款",
    customerInvoices: "销售发票",
    customerPayments: "客户收款",
    materialIssues: "发料单",
  },
  fields: {
    deliveredAt: "发货时间",
    deliveredBy: "发货人",
    purchaseOrder: "采购订单",
    salesOrder: "销售订单",
    requisition: "领料申请",
    receivedAt: "收货时间",
    receivedOn: "收款日期",
    acceptedValue: "验收金额",
    paidAt: "付款日期",
    amount: "金额",
    reference: "参考号",
    invoiceDate: "发票日期",
    dueDate: "到期日",
    openAmount: "未结金额",
    issuedAt: "发料时间",
    issuedBy: "发料人",
    cost: "成本",
  },
  invoiceStatus: {
    open: "未结清",
    paid: "已付清",
  },
};

export default documentListsZhCN;
