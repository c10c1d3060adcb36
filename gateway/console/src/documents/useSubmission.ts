/**
 * A create button's state around api/submission.ts: one request in flight, one Idempotency-Key until it
 * succeeds (so "try again" after a lost answer replays instead of booking twice), the last error to show.
 */
import { useRef, useState } from "react";
import { Submission } from "../api/submission";

export function useSubmission<T>() {
  const submission = useRef<Submission<T> | null>(null);
  submission.current ??= new Submission<T>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(send: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> {
    setSaving(true);
    setError(null);
    try {
      return await submission.current!.run(send);
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  return { run, saving, error, setError };
}

/** A state change (submit, approve, ...): not a create, so no key; just the pending flag and the error. */
export function useAction() {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run<T>(name: string, call: () => Promise<T>): Promise<T | undefined> {
    if (pending) return undefined;
    setPending(name);
    setError(null);
    try {
      return await call();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setPending(null);
    }
  }

  return { run, pending, error, setError };
}
