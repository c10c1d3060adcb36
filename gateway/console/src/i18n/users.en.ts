/** English texts of the user administration drawer (under `users.` in en.ts). */
const usersEn = {
  new: "New user",
  title: "User {{username}}",
  fields: {
    username: "Username",
    password: "Password",
    roles: "Roles",
  },
  usernameHelp: "3 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit. Stored in lower case.",
  passwordHelp: "At least {{count}} characters. It cannot be changed here later.",
  rolesHelp: "Give at least one role. Saving replaces all of the user's roles.",
  inactive: "This user is deactivated and can no longer sign in.",
  create: "Create user",
  save: "Save roles",
  deactivate: "Deactivate",
  created: "User {{username}} created.",
  saved: "Roles of {{username}} saved.",
  unchanged: "The roles have not changed.",
  deactivated: "User {{username}} deactivated.",
  deactivateConfirm: "Deactivate user {{username}}?",
  deactivateExplain: "The user can no longer sign in; a token issued before stays valid until it expires. Users are never deleted.",
};

export default usersEn;
export type UsersTexts = typeof usersEn;
