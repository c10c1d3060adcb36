/** What a document's step bar shows and which actions a detail page offers, as plain data (unit-tested). */
import { isAllowed, type Method } from "../auth/permissions";

export type StepStatus = "wait" | "process" | "finish" | "error";

export interface StepBar {
  /** Keys of the steps in order ("draft", "submitted", ...). */
  steps: readonly string[];
  current: number;
  status: StepStatus;
  /** Replaces the current step's title (e.g. "cancelled", "credit_hold", "partially_received"). */
  currentLabel?: string;
}

export interface Action<Name extends string> {
  name: Name;
  /** Why the action is shown but cannot be used by this user now (segregation of duties). */
  blocked?: "ownDocument";
}

export interface ActionRule<Name extends string, Doc> {
  name: Name;
  method: Method;
  /** The API call the action makes, for isAllowed. */
  path(doc: Doc): string;
  /** Whether the document's state allows the action now. */
  when(doc: Doc): boolean;
  blocked?(doc: Doc, userId: string): Action<Name>["blocked"] | undefined;
}

/** The actions the document's state allows now and the user's roles may call, in the rules' order. */
export function availableActions<Name extends string, Doc>(rules: readonly ActionRule<Name, Doc>[], doc: Doc, roles: readonly string[], userId: string): Action<Name>[] {
  return rules
    .filter((rule) => rule.when(doc) && isAllowed(roles, rule.method, rule.path(doc)))
    .map((rule) => {
      const blocked = rule.blocked?.(doc, userId);
      return blocked ? { name: rule.name, blocked } : { name: rule.name };
    });
}
