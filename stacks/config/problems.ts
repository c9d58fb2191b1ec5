/** One thing wrong with a stack's configuration, found by a rule that spans several keys. */
export interface Problem {
  /** Path of the key the problem is about, e.g. ["network", "vpcId"]; an adapter's rules give it inside their section. */
  readonly path: readonly string[];
  /** What is wrong and what is allowed; the loader adds the key and the value. */
  readonly message: string;
  /**
   * What the problem is about when it is not a config key (e.g. `stack name "Prod_EU"`): the loader prints it in
   * place of the key and appends no value. Default: the key at `path`.
   */
  readonly subject?: string;
}
