export { type EbsEncryption, ebsEncryptionProblems } from "../kubernetes/ebs-encryption";
