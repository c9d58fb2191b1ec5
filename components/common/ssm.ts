/** PutParameter: a Standard-tier parameter's value holds at most 4 KB. */
export const SSM_STANDARD_MAX_BYTES = 4096;
