# Sources of synthetic_guardrails.json (see ../PROVENANCE.md), for the
# SARIF location tests: only the block headers matter to them.

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

module "ci" {
  source = "./modules/ci"
  envs   = { prod = "deploy-prod", dev = "deploy-dev" }
}

module "registry" {
  source  = "terraform-aws-modules/iam/aws"
  version = "5.0.0"
}

resource "aws_iam_role" "vendor" {
  name               = "vendor"
  assume_role_policy = file("${path.module}/trust/vendor.json")
}

resource "aws_iam_role" "wild" {
  name               = "wild"
  assume_role_policy = file("${path.module}/trust/wild.json")
}
