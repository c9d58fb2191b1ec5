// Pulumi program entry (Pulumi.yaml `main: stacks/`). An exported function is the program: the Node language host
// calls it and awaits its promise (@pulumi/pulumi cmd/run), and the object it resolves to becomes the stack outputs.
import { storageStack } from "./program";

export = storageStack;
