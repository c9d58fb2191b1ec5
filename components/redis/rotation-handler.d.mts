// Types of rotation-handler.mjs, the rotation function's source (plain JavaScript, shipped as it is). The handler
// names its types from here in JSDoc and test/redis-rotation-handler.test.ts type-checks it against them.

/** The four steps Secrets Manager invokes a rotation function with, in order. */
export type RotationStep = "createSecret" | "setSecret" | "testSecret" | "finishSecret";

/** What Secrets Manager invokes the function with (Secrets Manager User Guide, "Rotation by Lambda function"). */
export interface RotationEvent {
  readonly Step: string;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly RotationToken?: string;
}

/** The Secrets Manager operations the function calls (the SDK v3 aggregated `SecretsManager` client has them). */
export interface SecretsManagerApi {
  describeSecret(input: { SecretId: string }): Promise<{ RotationEnabled?: boolean; VersionIdsToStages?: Record<string, string[]> }>;
  getSecretValue(input: { SecretId: string; VersionId?: string; VersionStage?: string }): Promise<{ SecretString?: string; VersionId?: string }>;
  getRandomPassword(input: {
    PasswordLength: number; ExcludeCharacters: string; IncludeSpace: boolean; RequireEachIncludedType: boolean;
  }): Promise<{ RandomPassword?: string }>;
  putSecretValue(input: { SecretId: string; ClientRequestToken: string; SecretString: string; VersionStages: string[] }): Promise<unknown>;
  updateSecretVersionStage(input: { SecretId: string; VersionStage: string; MoveToVersionId: string; RemoveFromVersionId?: string }): Promise<unknown>;
}

/** A user as DescribeUsers returns it (the fields the function reads). */
export interface ElastiCacheUser {
  readonly UserId?: string;
  readonly UserName?: string;
  readonly Status?: string;
  readonly ARN?: string;
  readonly Authentication?: { readonly Type?: string; readonly PasswordCount?: number };
}

/** The ElastiCache operations the function calls (the SDK v3 aggregated `ElastiCache` client has them). */
export interface ElastiCacheApi {
  describeUsers(input: { UserId: string }): Promise<{ Users?: ElastiCacheUser[] }>;
  modifyUser(input: { UserId: string; Passwords: string[] }): Promise<unknown>;
}

export interface RotationClients {
  readonly secretsManager: SecretsManagerApi;
  readonly elastiCache: ElastiCacheApi;
  /** Default: setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Default: Date.now. */
  readonly now?: () => number;
  /** Default: console.log. */
  readonly log?: (message: string) => void;
}

/** What the function was made for (its environment, see REQUIRED_ENV). */
export interface RotationConfig {
  readonly secretArn: string;
  readonly userName: string;
  readonly userArn: string;
  /** The user ID, the last part of userArn. */
  readonly userId: string;
}

export declare const STEPS: readonly RotationStep[];
export declare const REQUIRED_ENV: readonly string[];
export declare const PASSWORD_LENGTH: number;
export declare const PASSWORD_SPECIALS: string;
export declare const GENERATOR_PUNCTUATION: string;
export declare const EXCLUDED_CHARACTERS: string;
export declare const USER_WAIT_SECONDS: number;
export declare const USER_POLL_SECONDS: number;

export declare function configFrom(env: Readonly<Record<string, string | undefined>>): RotationConfig;
export declare function rotate(step: string, event: RotationEvent, clients: RotationClients, env: Readonly<Record<string, string | undefined>>): Promise<void>;
export declare function handler(event: RotationEvent): Promise<void>;
