import { dirname, join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PASSWORD_SPECIALS as AUTH_PASSWORD_SPECIALS } from "../components/redis/auth";
import {
  configFrom, EXCLUDED_CHARACTERS, GENERATOR_PUNCTUATION, PASSWORD_LENGTH, PASSWORD_SPECIALS, REQUIRED_ENV, rotate, type RotationClients,
  type RotationEvent, STEPS, USER_POLL_SECONDS, USER_WAIT_SECONDS,
} from "../components/redis/rotation-handler.mjs";
import { ROTATION_HANDLER_PATH, ROTATION_TIMEOUT_SECONDS, rotationCode, rotationHandlerSource } from "../components/redis/rotation";

const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:sparki-dev-redis-app-credentials-AbCdEf";
const USER_ID = "sparki-dev-redis-app";
const USER_ARN = `arn:aws:elasticache:eu-west-1:111111111111:user:${USER_ID}`;
const ENV = { SECRET_ARN, USER_NAME: "sparki-app", USER_ARN, SECRETS_MANAGER_ENDPOINT: "https://secretsmanager.eu-west-1.amazonaws.com" };
const OLD_VERSION = "v-initial";
const TOKEN = "tok-1";
const OLD_PASSWORD = "Initial-password-from-pulumi-random-0001";
const NEW_PASSWORD = "Generated!by&GetRandomPassword#0123456$^";

type Call = [operation: string, input: unknown];

interface Version { stages: string[]; value?: string }

/** A Secrets Manager that keeps versions and stages as the service does (enough for the protocol), and an ElastiCache user. */
class FakeAws {
  readonly calls: Call[] = [];
  readonly sleeps: number[] = [];
  rotationEnabled = true;
  versions: Record<string, Version> = {
    [OLD_VERSION]: { stages: ["AWSCURRENT"], value: JSON.stringify({ username: "sparki-app", password: OLD_PASSWORD, user_arn: USER_ARN }) },
    [TOKEN]: { stages: ["AWSPENDING"] },
  };
  randomPasswords = [NEW_PASSWORD];
  user = { UserId: USER_ID, UserName: "sparki-app", passwords: [OLD_PASSWORD] };
  /** Status DescribeUsers reports, one per call; the last one repeats. */
  statuses = ["active"];
  clock = 1_000_000;
  readonly log: string[] = [];

  /** Each label on one version at a time; moving AWSCURRENT moves AWSPREVIOUS to where it was (UpdateSecretVersionStage, PutSecretValue). */
  private stage(label: string, versionId: string): void {
    const from = Object.keys(this.versions).find((id) => this.versions[id].stages.includes(label));
    for (const v of Object.values(this.versions)) v.stages = v.stages.filter((s) => s !== label);
    this.versions[versionId].stages.push(label);
    if (label === "AWSCURRENT" && from !== undefined && from !== versionId) this.stage("AWSPREVIOUS", from);
  }

  private notFound(message: string): Error {
    return Object.assign(new Error(message), { name: "ResourceNotFoundException" });
  }

  readonly clients: RotationClients = {
    secretsManager: {
      describeSecret: (input) => {
        this.calls.push(["describeSecret", input]);
        return Promise.resolve({
          RotationEnabled: this.rotationEnabled,
          VersionIdsToStages: Object.fromEntries(Object.entries(this.versions).map(([id, v]) => [id, [...v.stages]])),
        });
      },
      getSecretValue: (input) => {
        this.calls.push(["getSecretValue", input]);
        const id = input.VersionId ?? Object.keys(this.versions).find((k) => this.versions[k].stages.includes(input.VersionStage ?? "AWSCURRENT"));
        const version = id === undefined ? undefined : this.versions[id];
        if (!version || (input.VersionStage && !version.stages.includes(input.VersionStage)) || version.value === undefined) {
          return Promise.reject(this.notFound("Secrets Manager can't find the specified secret value"));
        }
        return Promise.resolve({ SecretString: version.value, VersionId: id });
      },
      getRandomPassword: (input) => {
        this.calls.push(["getRandomPassword", input]);
        return Promise.resolve({ RandomPassword: this.randomPasswords.shift() });
      },
      putSecretValue: (input) => {
        this.calls.push(["putSecretValue", input]);
        this.versions[input.ClientRequestToken] ??= { stages: [] };
        this.versions[input.ClientRequestToken].value = input.SecretString;
        for (const label of input.VersionStages) this.stage(label, input.ClientRequestToken);
        return Promise.resolve({});
      },
      updateSecretVersionStage: (input) => {
        this.calls.push(["updateSecretVersionStage", input]);
        if (input.RemoveFromVersionId !== undefined && !this.versions[input.RemoveFromVersionId].stages.includes(input.VersionStage)) {
          return Promise.reject(new Error("RemoveFromVersionId does not hold the stage"));
        }
        this.stage(input.VersionStage, input.MoveToVersionId);
        return Promise.resolve({});
      },
    },
    elastiCache: {
      describeUsers: (input) => {
        this.calls.push(["describeUsers", input]);
        const status = this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0];
        const user = input.UserId === this.user.UserId ? {
          UserId: this.user.UserId, UserName: this.user.UserName, Status: status, ARN: USER_ARN,
          Authentication: { Type: "password", PasswordCount: this.user.passwords.length },
        } : undefined;
        return Promise.resolve({ Users: user ? [user] : [] });
      },
      modifyUser: (input) => {
        this.calls.push(["modifyUser", input]);
        this.user.passwords = [...input.Passwords];
        return Promise.resolve({});
      },
    },
    sleep: (ms) => {
      this.sleeps.push(ms);
      this.clock += ms;
      // An unbounded wait fails the test instead of hanging it.
      return this.sleeps.length > 1000 ? Promise.reject(new Error("the handler waits without bound")) : Promise.resolve();
    },
    now: () => this.clock,
    log: (message) => { this.log.push(message); },
  };

  value(versionId: string): Record<string, unknown> {
    return JSON.parse(this.versions[versionId].value ?? "null") as Record<string, unknown>;
  }

  operations(): string[] {
    return this.calls.map(([operation]) => operation);
  }

  /** Puts the pending value createSecret would have put. */
  withPending(password = NEW_PASSWORD, extra: Record<string, unknown> = {}): this {
    this.versions[TOKEN].value = JSON.stringify({ username: "sparki-app", password, user_arn: USER_ARN, ...extra });
    return this;
  }
}

const event = (step: string, token = TOKEN, secretId = SECRET_ARN): RotationEvent => ({ Step: step, SecretId: secretId, ClientRequestToken: token });
const run = (aws: FakeAws, step: string, e: RotationEvent = event(step), env: Record<string, string | undefined> = ENV) => rotate(step, e, aws.clients, env);

describe("the generated password's characters", () => {
  it("are letters, digits and exactly the specials ElastiCache accepts (the same rule as the initial password)", () => {
    expect(PASSWORD_SPECIALS).toBe(AUTH_PASSWORD_SPECIALS);
    expect(PASSWORD_LENGTH).toBe(40);
    // Every punctuation character the generator knows is either allowed or excluded, never both.
    expect([...EXCLUDED_CHARACTERS].filter((c) => PASSWORD_SPECIALS.includes(c))).toEqual([]);
    expect(new Set([...EXCLUDED_CHARACTERS, ...PASSWORD_SPECIALS])).toEqual(new Set(GENERATOR_PUNCTUATION));
    expect(EXCLUDED_CHARACTERS).toBe("\"%'()*+,./:;=?@[\\]_`{|}~");
  });
});

describe("createSecret", () => {
  it("puts a new 40-character password as AWSPENDING with the same username and user_arn", async () => {
    const aws = new FakeAws();
    await run(aws, "createSecret");
    expect(aws.calls).toEqual([
      ["describeSecret", { SecretId: SECRET_ARN }],
      ["getSecretValue", { SecretId: SECRET_ARN, VersionStage: "AWSCURRENT" }],
      ["getSecretValue", { SecretId: SECRET_ARN, VersionId: TOKEN, VersionStage: "AWSPENDING" }],
      ["getRandomPassword", { PasswordLength: 40, ExcludeCharacters: EXCLUDED_CHARACTERS, IncludeSpace: false, RequireEachIncludedType: true }],
      ["putSecretValue", { SecretId: SECRET_ARN, ClientRequestToken: TOKEN, SecretString: expect.any(String) as unknown, VersionStages: ["AWSPENDING"] }],
    ]);
    expect(aws.value(TOKEN)).toEqual({ username: "sparki-app", password: NEW_PASSWORD, user_arn: USER_ARN });
    expect(aws.versions[OLD_VERSION].stages).toEqual(["AWSCURRENT"]);
    expect(aws.user.passwords).toEqual([OLD_PASSWORD]); // the user is not touched yet
  });

  it("does nothing when the pending version already has a value (a retried step)", async () => {
    const aws = new FakeAws();
    await run(aws, "createSecret");
    aws.calls.length = 0;
    await run(aws, "createSecret");
    expect(aws.operations()).toEqual(["describeSecret", "getSecretValue", "getSecretValue"]);
    expect(aws.value(TOKEN).password).toBe(NEW_PASSWORD);
  });

  it("adds user_arn from its configuration to a secret written before it held one, and keeps other fields", async () => {
    const aws = new FakeAws();
    aws.versions[OLD_VERSION].value = JSON.stringify({ username: "sparki-app", password: OLD_PASSWORD, note: "kept" });
    await run(aws, "createSecret");
    expect(aws.value(TOKEN)).toEqual({ username: "sparki-app", password: NEW_PASSWORD, user_arn: USER_ARN, note: "kept" });
  });

  it("refuses a generated password ElastiCache would not accept, and puts nothing", async () => {
    const aws = new FakeAws();
    aws.randomPasswords = ["Generated@by/GetRandomPassword#0123456$^"];
    await expect(run(aws, "createSecret")).rejects.toThrow(/no 40-character password of letters, digits and !&#\$\^<>-/);
    expect(aws.operations()).not.toContain("putSecretValue");
  });

  it("refuses a secret whose current value is for another user name", async () => {
    const aws = new FakeAws();
    aws.versions[OLD_VERSION].value = JSON.stringify({ username: "admin", password: OLD_PASSWORD, user_arn: USER_ARN });
    await expect(run(aws, "createSecret")).rejects.toThrow("is for user admin; this function rotates only sparki-app");
    expect(aws.operations()).not.toContain("putSecretValue");
  });

  it("refuses a secret that names another user's ARN", async () => {
    const aws = new FakeAws();
    aws.versions[OLD_VERSION].value = JSON.stringify({ username: "sparki-app", password: OLD_PASSWORD, user_arn: `${USER_ARN}-other` });
    await expect(run(aws, "createSecret")).rejects.toThrow(`names user_arn ${USER_ARN}-other; this function rotates only ${USER_ARN}`);
    expect(aws.operations()).not.toContain("putSecretValue");
  });
});

describe("setSecret", () => {
  it("gives the user two passwords, pending first, so clients holding the current one keep working", async () => {
    const aws = new FakeAws().withPending();
    await run(aws, "setSecret");
    expect(aws.calls.filter(([op]) => op === "modifyUser")).toEqual([["modifyUser", { UserId: USER_ID, Passwords: [NEW_PASSWORD, OLD_PASSWORD] }]]);
    expect(aws.user.passwords).toEqual([NEW_PASSWORD, OLD_PASSWORD]);
    expect(aws.sleeps).toEqual([]);
  });

  it("waits for the user to be active before ModifyUser", async () => {
    const aws = new FakeAws().withPending();
    aws.statuses = ["modifying", "modifying", "active"];
    await run(aws, "setSecret");
    expect(aws.operations().slice(-4)).toEqual(["describeUsers", "describeUsers", "describeUsers", "modifyUser"]);
    expect(aws.sleeps).toEqual([USER_POLL_SECONDS * 1000, USER_POLL_SECONDS * 1000]);
  });

  it(`gives up after ${USER_WAIT_SECONDS} s with a clear error and changes nothing`, async () => {
    const aws = new FakeAws().withPending();
    aws.statuses = ["modifying"];
    await expect(run(aws, "setSecret")).rejects.toThrow(`user ${USER_ID} is still "modifying" after ${USER_WAIT_SECONDS} s (waiting before changing its passwords)`);
    expect(aws.operations()).not.toContain("modifyUser");
    expect(aws.sleeps.reduce((a, b) => a + b, 0)).toBe(USER_WAIT_SECONDS * 1000);
    expect(aws.operations().filter((op) => op === "describeUsers")).toHaveLength(USER_WAIT_SECONDS / USER_POLL_SECONDS + 1);
  });

  it("is idempotent: run again, it sets the same two passwords", async () => {
    const aws = new FakeAws().withPending();
    await run(aws, "setSecret");
    await run(aws, "setSecret");
    expect(aws.calls.filter(([op]) => op === "modifyUser").map(([, input]) => input)).toEqual([
      { UserId: USER_ID, Passwords: [NEW_PASSWORD, OLD_PASSWORD] }, { UserId: USER_ID, Passwords: [NEW_PASSWORD, OLD_PASSWORD] },
    ]);
  });

  it("refuses an ElastiCache user with another user name", async () => {
    const aws = new FakeAws().withPending();
    aws.user.UserName = "someone-else";
    await expect(run(aws, "setSecret")).rejects.toThrow(`ElastiCache user ${USER_ID} is named someone-else; this function rotates only sparki-app`);
    expect(aws.operations()).not.toContain("modifyUser");
  });

  it("refuses a pending version for another user name or user ARN", async () => {
    const wrongName = new FakeAws().withPending(NEW_PASSWORD, { username: "admin" });
    await expect(run(wrongName, "setSecret")).rejects.toThrow("the AWSPENDING version");
    const wrongArn = new FakeAws().withPending(NEW_PASSWORD, { user_arn: undefined });
    await expect(run(wrongArn, "setSecret")).rejects.toThrow(`version ${TOKEN} names user_arn undefined; this function rotates only ${USER_ARN}`);
    for (const aws of [wrongName, wrongArn]) expect(aws.operations()).not.toContain("modifyUser");
  });

  it("fails when the pending version has no value yet (createSecret did not run)", async () => {
    const aws = new FakeAws();
    await expect(run(aws, "setSecret")).rejects.toThrow("can't find");
    expect(aws.operations()).not.toContain("modifyUser");
  });
});

describe("testSecret", () => {
  it("waits until the user is active again and holds both passwords", async () => {
    const aws = new FakeAws().withPending();
    aws.user.passwords = [NEW_PASSWORD, OLD_PASSWORD];
    aws.statuses = ["modifying", "active"];
    await run(aws, "testSecret");
    expect(aws.operations().filter((op) => op === "describeUsers")).toHaveLength(2);
    expect(aws.sleeps).toEqual([USER_POLL_SECONDS * 1000]);
    expect(aws.operations()).not.toContain("modifyUser");
  });

  it("fails when ModifyUser has not taken effect", async () => {
    const aws = new FakeAws().withPending();
    await expect(run(aws, "testSecret")).rejects.toThrow("with 1 password(s), expected password with 2: setSecret has not taken effect");
  });

  it("fails after the bounded wait when the user stays modifying", async () => {
    const aws = new FakeAws().withPending();
    aws.statuses = ["modifying"];
    await expect(run(aws, "testSecret")).rejects.toThrow(`still "modifying" after ${USER_WAIT_SECONDS} s (waiting after ModifyUser)`);
  });
});

describe("finishSecret", () => {
  it("moves AWSCURRENT from the old version to the token", async () => {
    const aws = new FakeAws().withPending();
    await run(aws, "finishSecret");
    expect(aws.calls).toEqual([
      ["describeSecret", { SecretId: SECRET_ARN }],
      ["updateSecretVersionStage", { SecretId: SECRET_ARN, VersionStage: "AWSCURRENT", MoveToVersionId: TOKEN, RemoveFromVersionId: OLD_VERSION }],
    ]);
    expect(aws.versions[TOKEN].stages).toContain("AWSCURRENT");
    expect(aws.versions[OLD_VERSION].stages).toEqual(["AWSPREVIOUS"]);
  });

  it("does nothing when the token is already AWSCURRENT (every step)", async () => {
    const aws = new FakeAws().withPending();
    await run(aws, "finishSecret");
    for (const step of STEPS) {
      aws.calls.length = 0;
      await run(aws, step);
      expect(aws.operations(), step).toEqual(["describeSecret"]);
    }
    expect(aws.log.at(-1)).toBe(`finishSecret: version ${TOKEN} is already AWSCURRENT; nothing to do`);
  });
});

describe("a whole rotation, then the next", () => {
  it("ends with the new password current and on the user, and the next rotation drops the oldest", async () => {
    const aws = new FakeAws();
    for (const step of STEPS) await run(aws, step);
    expect(aws.versions[TOKEN].stages).toContain("AWSCURRENT");
    expect(aws.versions[OLD_VERSION].stages).toEqual(["AWSPREVIOUS"]);
    expect(aws.value(TOKEN)).toEqual({ username: "sparki-app", password: NEW_PASSWORD, user_arn: USER_ARN });
    expect(aws.user.passwords).toEqual([NEW_PASSWORD, OLD_PASSWORD]);

    const third = "Third-password-0123456789abcdefghijkl!&#";
    aws.randomPasswords = [third];
    aws.versions["tok-2"] = { stages: ["AWSPENDING"] };
    for (const step of STEPS) await run(aws, step, event(step, "tok-2"));
    expect(aws.versions["tok-2"].stages).toContain("AWSCURRENT");
    expect(aws.versions[TOKEN].stages).toEqual(["AWSPREVIOUS"]);
    expect(aws.user.passwords).toEqual([third, NEW_PASSWORD]);
    expect(aws.log.join("\n")).not.toMatch(new RegExp([OLD_PASSWORD, NEW_PASSWORD, third].map((p) => p.replace(/[$^]/g, "\\$&")).join("|")));
  });
});

describe("refusals (before anything changes)", () => {
  it("refuses a secret other than the one it was made for, without calling AWS", async () => {
    const aws = new FakeAws();
    await expect(run(aws, "createSecret", event("createSecret", TOKEN, `${SECRET_ARN}x`))).rejects.toThrow(
      `refusing to rotate secret ${SECRET_ARN}x: this function rotates only ${SECRET_ARN}`);
    expect(aws.calls).toEqual([]);
  });

  it("refuses a secret without rotation enabled", async () => {
    const aws = new FakeAws();
    aws.rotationEnabled = false;
    await expect(run(aws, "createSecret")).rejects.toThrow("does not have rotation enabled");
    expect(aws.operations()).toEqual(["describeSecret"]);
  });

  it("refuses a token that is not a version of the secret, or not staged AWSPENDING", async () => {
    const unknown = new FakeAws();
    await expect(run(unknown, "setSecret", event("setSecret", "tok-unknown"))).rejects.toThrow("is not a version of secret");
    const previous = new FakeAws();
    previous.versions[TOKEN].stages = ["AWSPREVIOUS"];
    await expect(run(previous, "setSecret")).rejects.toThrow(`version ${TOKEN} of secret ${SECRET_ARN} is not staged AWSPENDING`);
    for (const aws of [unknown, previous]) expect(aws.operations()).toEqual(["describeSecret"]);
  });

  it("refuses an unknown step, an event without token, and a function without its configuration", async () => {
    await expect(run(new FakeAws(), "rotateEverything")).rejects.toThrow('unknown rotation step "rotateEverything"');
    await expect(run(new FakeAws(), "createSecret", { ...event("createSecret"), ClientRequestToken: "" })).rejects.toThrow("no ClientRequestToken");
    await expect(run(new FakeAws(), "createSecret", event("createSecret"), { ...ENV, USER_NAME: undefined })).rejects.toThrow("USER_NAME not set");
    await expect(run(new FakeAws(), "createSecret", event("createSecret"), { ...ENV, USER_ARN: "arn:aws:iam::111111111111:user/x" })).rejects.toThrow("is not an ElastiCache user ARN");
  });

  it("reads its configuration from SECRET_ARN, USER_NAME and USER_ARN", () => {
    expect(REQUIRED_ENV).toEqual(["SECRET_ARN", "USER_NAME", "USER_ARN"]);
    expect(configFrom(ENV)).toEqual({ secretArn: SECRET_ARN, userName: "sparki-app", userArn: USER_ARN, userId: USER_ID });
  });
});

describe("what ships", () => {
  it("is the handler file as index.mjs, and the function's timeout is above the handler's longest wait", async () => {
    const assets = await rotationCode().assets;
    expect(Object.keys(assets)).toEqual(["index.mjs"]);
    const text = await (assets["index.mjs"] as { text: Promise<string> }).text;
    expect(text).toBe(rotationHandlerSource());
    expect(text).toMatch(/^export async function handler\(event\)/m);
    expect(ROTATION_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(USER_WAIT_SECONDS + 30);
  });

  it("type-checks as strict TypeScript-checked JavaScript against its declarations", () => {
    const program = ts.createProgram([ROTATION_HANDLER_PATH], {
      allowJs: true, checkJs: true, strict: true, noEmit: true, skipLibCheck: true,
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2023.d.ts"], types: ["node"], typeRoots: [join(dirname(require.resolve("@types/node/package.json")), "..")],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
    expect(program.getSourceFile(ROTATION_HANDLER_PATH)).toBeDefined();
  });
});
