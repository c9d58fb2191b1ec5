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
  /**
   * Project paths (from the namespace, also in an adapter's rules) this problem follows from: when one of them has a
   * problem of its own, this one is not reported (one mistake, one line).
   */
  readonly after?: readonly (readonly string[])[];
  /**
   * The value in effect when the stack does not set the key: the profile's default. The loader then says
   * `got the profile "<name>" default <value>` instead of "got nothing". The adapters' rule runner fills it in
   * from the settings when the key's setting has the same path, unless the rule sets it (to `undefined` where the
   * key's absence is the problem itself, e.g. a tag without its digest).
   */
  readonly defaultInEffect?: unknown;
}
