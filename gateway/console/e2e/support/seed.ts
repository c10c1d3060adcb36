/** A little of everything the lists show, created through the API as the roles that own it. */
import { call, eventually, unique } from "./api";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Record_ = any;

export interface Sample {
  tag: string;
  supplier: Record_;
  customer: Record_;
  warehouse: Record_;
  items: Record_[];
  purchaseOrder: Record_;
  salesOrder: Record_;
}

/** Wait until a master record has reached another service's read model (events, not calls). */
export async function replicated(service: "procurement" | "sales", kind: "items" | "warehouses", id: string): Promise<void> {
  await eventually(async () => {
    const rows = await call<unknown[]>("viewer", "GET", `/api/${service}/read-models/${kind}?id=${id}`);
    return rows.length > 0;
  }, `${kind} ${id} in ${service}`);
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedSample(): Promise<Sample> {
  const tag = unique("S").slice(2);
  const supplier = await call("purchasing", "POST", "/api/procurement/suppliers", {
    code: `SUP-${tag}`, name: "华南金属 South China Metals", contact_name: "Li Wei", email: "sales@scm.example",
    phone: "+86 20 5555 0100", payment_terms_days: 30,
  });
  const customer = await call("sales", "POST", "/api/sales/customers", {
    code: `CUS-${tag}`, name: "北风贸易 Northwind Trading", contact_name: "Anna Berg", email: "buying@northwind.example",
    credit_rating: "A", credit_limit: "250000.00",
  });
  const warehouse = await call("warehouse", "POST", "/api/inventory/warehouses", {
    code: `WH-${tag}`, name: "Main warehouse 主仓库", address: "1 Harbour Road, Guangzhou",
  });
  const items = [];
  for (const [code, name, type, unit] of [
    ["RM", "Copper rod 铜棒", "raw_material", "kg"],
    ["ZN", "Zinc ingot 锌锭", "raw_material", "kg"],
    ["FG", "Gear pump 齿轮泵", "finished_good", "pc"],
  ] as const) {
    items.push(await call("warehouse", "POST", "/api/inventory/items", {
      code: `${code}-${tag}`, name, unit, item_type: type, reorder_level: "50", reorder_quantity: "200",
    }));
  }
  for (const item of items) await replicated("procurement", "items", item.id);
  await replicated("sales", "items", items[2].id);
  await replicated("sales", "warehouses", warehouse.id);
  const purchaseOrder = await call("purchasing", "POST", "/api/procurement/purchase-orders", {
    supplier_id: supplier.id,
    order_date: daysAgo(20),
    lines: [
      // Expected ten days ago: once the order is sent, a late delivery (its tag is on the late deliveries page).
      { item_id: items[0].id, quantity: "100", unit_price: "12.50", expected_date: daysAgo(10) },
      { item_id: items[1].id, quantity: "3", unit_price: "3.3333" },
    ],
  });
  const salesOrder = await call("sales", "POST", "/api/sales/sales-orders", {
    customer_id: customer.id,
    lines: [{ item_id: items[2].id, warehouse_id: warehouse.id, quantity: "30", unit_price: "25.00", discount_pct: "10", tax_rate: "13" }],
  });
  return { tag, supplier, customer, warehouse, items, purchaseOrder, salesOrder };
}
