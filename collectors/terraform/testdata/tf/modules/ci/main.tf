variable "envs" {
  type = map(string)
}

resource "aws_iam_role" "deploy" {
  for_each           = var.envs
  name               = each.value
  assume_role_policy = data.aws_iam_policy_document.github[each.key].json
}
