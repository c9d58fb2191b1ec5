export { type AccountScope, partitionOf, slug } from "./aws";
export { CLIENT_CIDR_RULE, type CidrRule, privateCidrProblem, VPC_CIDR_RULE } from "./cidr";
export { shortHash } from "./hash";
export { CLOUDWATCH_LOG_RETENTION_DAYS, logRetentionProblem } from "./log-retention";
export { DAILY_WINDOW, WEEKLY_WINDOW, type WindowPairProblem, type WindowPairRule, windowPairProblem } from "./windows";
