import type { ProgramRun, RegisteredResource, ResourceRef } from "../scripts/offline/run-program";

/** A registered resource built by hand, for arithmetic tests that need no program run. */
export function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
  more: { custom?: boolean; parent?: ResourceRef; dependencies?: ResourceRef[]; dependsOn?: ResourceRef[] } = {},
): RegisteredResource {
  return {
    type, name, inputs,
    custom: more.custom ?? true,
    parent: more.parent,
    dependencies: more.dependencies ?? [],
    options: {
      protect: false, dependsOn: more.dependsOn ?? [], ignoreChanges: [], deleteBeforeReplace: false,
      retainOnDelete: false, replaceOnChanges: [], aliases: 0,
    },
  };
}

export function runOf(...resources: RegisteredResource[]): ProgramRun {
  return { stack: "hand-built", preview: true, resources, outputs: {} };
}

export const ref = (r: RegisteredResource): ResourceRef => ({ type: r.type, name: r.name });
