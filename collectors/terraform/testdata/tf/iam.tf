resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_policy" "broken" {
  name   = "broken"
  policy = file("${path.module}/broken.json")
}

resource "aws_iam_account_password_policy" "prod" {
  minimum_password_length   = 8
  password_reuse_prevention = 24
}
