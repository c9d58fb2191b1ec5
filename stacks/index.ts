// Pulumi program entry (Pulumi.yaml `main: stacks/`): the exported object becomes the stack outputs.
import { storageStack } from "./program";

export = storageStack();
