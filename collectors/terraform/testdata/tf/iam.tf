resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_policy" "broken" {
  name   = "broken"
  policy = file("${path.module}/broken.json")
}
