/** 用户管理抽屉的简体中文文本（在 zh-CN.ts 的 `users.` 下），与 users.en.ts 的键一一对应。 */
import type { UsersTexts } from "./users.en";

const usersZhCN: UsersTexts = {
  new: "新建用户",
  title: "用户 {{username}}",
  fields: {
    username: "用户名",
    password: "密码",
    roles: "角色",
  },
  usernameHelp: "3 到 64 个字母、数字或 “.”、“_”、“@”、“-”，以字母或数字开头。保存为小写。",
  passwordHelp: "至少 {{count}} 个字符。之后无法在此修改。",
  rolesHelp: "至少选择一个角色。保存会替换该用户的全部角色。",
  inactive: "该用户已停用，无法再登录。",
  create: "创建用户",
  save: "保存角色",
  deactivate: "停用",
  created: "用户 {{username}} 已创建。",
  saved: "用户 {{username}} 的角色已保存。",
  unchanged: "角色没有变化。",
  deactivated: "用户 {{username}} 已停用。",
  deactivateConfirm: "停用用户 {{username}}？",
  deactivateExplain: "该用户将无法再登录；此前签发的令牌在过期前仍然有效。用户永远不会被删除。",
};

export default usersZhCN;
