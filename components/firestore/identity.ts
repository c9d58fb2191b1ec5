/**
 * Workload identity federation from AWS: the application's AWS role exchanges its own AWS credentials for a
 * short-lived Google token and impersonates one service account; no service-account key exists
 * (https://cloud.google.com/iam/docs/workload-identity-federation-with-other-clouds, checked 2026-11-29).
 */

/** `arn:aws:sts::<account>:assumed-role/<role>`: the value of the provider's default `attribute.aws_role` mapping for a role session. */
export function assumedRoleArn(accountId: string, roleName: string, partition = "aws"): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}`;
}

/**
 * The AWS provider's default attribute mapping (the provider's own documentation: `google.subject` is the caller
 * ARN, `attribute.aws_role` the assumed role without its session name), written out so that it is explicit.
 */
export const AWS_ATTRIBUTE_MAPPING: Readonly<Record<string, string>> = {
  "google.subject": "assertion.arn",
  "attribute.aws_role": "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn",
};

/** Only the application's role may exchange tokens at all; without a condition every role of the account could. */
export function attributeCondition(roleArn: string): string {
  return `attribute.aws_role == "${roleArn}"`;
}

/** The principal set the impersonation binding names: every session of the application's role in the pool. */
export function principalSet(poolName: string, roleArn: string): string {
  return `principalSet://iam.googleapis.com/${poolName}/attribute.aws_role/${roleArn}`;
}

/**
 * The credential configuration a Google client library reads (GOOGLE_APPLICATION_CREDENTIALS, or the Fiber adapter's
 * CredentialsPath): no secret in it, only where to exchange which AWS credentials. The shape `gcloud iam
 * workload-identity-pools create-cred-config --aws --enable-imdsv2` writes (same page as above). The client signs a
 * GetCallerIdentity request with the AWS credentials it finds in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN (and AWS_REGION) first, the instance metadata otherwise.
 */
export function credentialConfiguration(providerName: string, serviceAccountEmail: string): Record<string, unknown> {
  return {
    universe_domain: "googleapis.com",
    type: "external_account",
    audience: `//iam.googleapis.com/${providerName}`,
    subject_token_type: "urn:ietf:params:aws:token-type:aws4_request",
    service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${serviceAccountEmail}:generateAccessToken`,
    token_url: "https://sts.googleapis.com/v1/token",
    credential_source: {
      environment_id: "aws1",
      region_url: "http://169.254.169.254/latest/meta-data/placement/availability-zone",
      url: "http://169.254.169.254/latest/meta-data/iam/security-credentials",
      regional_cred_verification_url: "https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15",
      imdsv2_session_token_url: "http://169.254.169.254/latest/api/token",
    },
  };
}
