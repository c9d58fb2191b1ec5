import { UnknownValueError } from "@pulumi/policy";

/**
 * Reading resource properties safely during `pulumi preview`.
 *
 * The policy SDK hands policies a proxy that throws `UnknownValueError` when a property is read whose value is
 * only known after apply (an ARN, an ID, anything computed from them). Left uncaught, that aborts the whole
 * policy for the resource. These helpers catch it per check: an unknown value never proves a violation (the same
 * policy runs again with real values on `pulumi up`), and an unknown value in a "must be set" check counts as set
 * (it is an output that will exist).
 */
export type Read<T> = { readonly known: true; readonly value: T } | { readonly known: false };

export function read<T>(get: () => T): Read<T> {
  try {
    return { known: true, value: get() };
  } catch (error) {
    if (error instanceof UnknownValueError) return { known: false };
    throw error;
  }
}

/** True only when the condition can be evaluated and holds. Unknown values make it false. */
export function definitely(condition: () => boolean): boolean {
  const r = read(condition);
  return r.known && r.value;
}

/** True when the value is known to be absent: undefined, null, an empty string or an empty list. */
export function isAbsent(get: () => unknown): boolean {
  return definitely(() => {
    const value = get();
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  });
}

/** The value if known, otherwise `fallback` (for values a policy merely displays or iterates over). */
export function valueOr<T>(get: () => T, fallback: T): T {
  const r = read(get);
  return r.known ? r.value : fallback;
}

/** Elements of a list property; unknown elements (or an unknown list) are skipped. */
export function knownItems<T>(get: () => readonly T[] | undefined): T[] {
  const list = read(get);
  if (!list.known || !Array.isArray(list.value)) return [];
  const items: T[] = [];
  for (let i = 0; i < list.value.length; i++) {
    const item = read(() => list.value![i]);
    if (item.known) items.push(item.value);
  }
  return items;
}

/** Whether a list is known to contain an element satisfying `test`; unknown elements do not count. */
export function someKnown<T>(get: () => readonly T[] | undefined, test: (item: T) => boolean): boolean {
  return knownItems(get).some((item) => definitely(() => test(item)));
}

/** True when a list may hold elements not yet known (the list itself or any element unknown). */
export function hasUnknownItems(get: () => readonly unknown[] | undefined): boolean {
  const list = read(get);
  if (!list.known) return true;
  if (!Array.isArray(list.value)) return false;
  for (let i = 0; i < list.value.length; i++) {
    if (!read(() => list.value![i]).known) return true;
  }
  return false;
}

/**
 * The named properties as plain data (a JSON round trip drops the SDK's wrappers), or undefined while any of them is
 * unknown: an unknown value proves nothing, and the same rule runs again with real values at `pulumi up`.
 */
export function knownProperties<S>(props: object, keys: readonly string[]): S | undefined {
  const values: Record<string, unknown> = {};
  for (const key of keys) {
    const r = read(() => {
      const value = (props as Record<string, unknown>)[key];
      return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
    });
    if (!r.known) return undefined;
    values[key] = r.value;
  }
  return values as S;
}
