/**
 * Stack names prefix physical names (`sparki-<stack>-...`): RDS identifiers and ElastiCache IDs allow lowercase
 * letters, digits and single hyphens, and the longest name built from the stack (the ElastiCache replication
 * group, at most 40 characters) must still fit.
 */
const STACK_NAME = /^[a-z](-?[a-z0-9])*$/;
export const STACK_NAME_MAX = 20;

/** Whether `stack` can form every physical name built from it. */
export function validStackName(stack: string): boolean {
  return STACK_NAME.test(stack) && stack.length <= STACK_NAME_MAX;
}

/** Words that name production, alone or numbered (prod, prod2, production). */
const PROD_WORD = /^(prod|production)\d*$/;
/** A word before "prod" that says the stack is not production (pre-prod, non-prod). */
const NOT_PROD_BEFORE = ["pre", "non"];

/**
 * Whether a stack's name says it is production: "prod" or "production" as a word of it, wherever it stands
 * (prod, eu-prod, prod-eu-2, production), unless pre- or non- precedes it. Words inside others are not it:
 * preprod, nonprod, product-search, prodigy.
 */
export function namedProd(stack: string): boolean {
  const words = stack.toLowerCase().split(/[^a-z0-9]+/);
  return words.some((word, i) => PROD_WORD.test(word) && !NOT_PROD_BEFORE.includes(words[i - 1] ?? ""));
}
