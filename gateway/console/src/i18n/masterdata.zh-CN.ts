/** 主数据列表与记录表单的简体中文文本（在 zh-CN.ts 的 `masterdata.` 下），与 masterdata.en.ts 的键一一对应。 */
import type { MasterdataTexts } from "./masterdata.en";

const masterdataZhCN: MasterdataTexts = {
  nav: {
    hr: "人力资源",
    manufacturing: "生产制造",
    departments: "部门",
    employees: "员工",
    accounts: "会计科目表",
    workCenters: "工作中心",
  },
  noun: {
    item: "物料",
    warehouse: "仓库",
    supplier: "供应商",
    customer: "客户",
    department: "部门",
    employee: "员工",
    account: "会计科目",
    workCenter: "工作中心",
  },
  fields: {
    employeeNo: "工号",
    fullName: "姓名",
    jobTitle: "职位",
    hiredOn: "入职日期",
    department: "部门",
    accountType: "科目类型",
    capacityHoursPerDay: "产能（小时/天）",
    bankAccountName: "银行账户名",
    bankIban: "IBAN 账号",
    bankBic: "BIC 代码",
  },
  entry: {
    notAnInteger: "请输入整数",
    tooLong: "最多 {{max}} 个字符",
  },
  searchEmployee: "搜索工号或姓名",
  new: "新建{{noun}}",
  create: "创建",
  save: "保存",
  deactivate: "停用",
  created: "已创建{{noun}} {{code}}。",
  saved: "已保存{{noun}} {{code}}。",
  unchanged: "没有任何更改。",
  deactivated: "已停用{{noun}} {{code}}。",
  deactivateConfirm: "停用{{noun}} {{code}}？",
  deactivateExplain: "已使用它的单据不受影响，但新单据将无法再选择它。记录永远不会被删除。",
};

export default masterdataZhCN;
