// Long inputs (lifecycle rules, IAM and bucket policies, dashboard bodies) as indented YAML-like text.
import { stringify } from "yaml";

/** The document inside a JSON string (policies and dashboard bodies are JSON strings); undefined otherwise. */
export function jsonDocument(value: unknown): object | undefined {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A value with every JSON string inside it expanded into the document it holds. */
export function expanded(value: unknown): unknown {
  const doc = jsonDocument(value);
  if (doc !== undefined) return expanded(doc);
  if (Array.isArray(value)) return value.map(expanded);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expanded(v)]));
  return value;
}

/** One-line text of a value: strings as they are, anything else as compact JSON. */
export function inline(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A structured value (object, array, JSON string) whose one-line form is longer than `width`: shown as a block. */
export function isLongDocument(value: unknown, width: number): boolean {
  const doc = value !== null && typeof value === "object" ? value : jsonDocument(value);
  return doc !== undefined && JSON.stringify(doc).length > width;
}

/** YAML-like lines of a value, JSON strings expanded, keys in the program's order (Version before Statement). */
export function yamlLines(value: unknown): string[] {
  return stringify(expanded(value), { lineWidth: 0 }).trimEnd().split("\n");
}

/** `text` cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
