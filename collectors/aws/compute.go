package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/rampart-sec/rampart/snapshot"
)

// The compute that runs as a role: whoever may change a function's code
// or a stack's template, or start a build, acts with the role's
// permissions, so the
// escalation graph needs to know which role each one runs as. One call
// per page of functions or stacks, never one per resource.

// lambdaFunctions lists a region's functions with the role each runs as.
func lambdaFunctions(ctx context.Context, client *lambda.Client) ([]snapshot.LambdaFunction, error) {
	out := []snapshot.LambdaFunction{}
	p := lambda.NewListFunctionsPaginator(client, &lambda.ListFunctionsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, f := range page.Functions {
			out = append(out, snapshot.LambdaFunction{Name: aws.ToString(f.FunctionName), ARN: aws.ToString(f.FunctionArn), Role: aws.ToString(f.Role)})
		}
	}
	return out, nil
}

// stacks lists a region's CloudFormation stacks with their service role
// (DescribeStacks without a name pages through every stack but deleted
// ones).
func stacks(ctx context.Context, client *cloudformation.Client) ([]snapshot.CloudFormationStack, error) {
	out := []snapshot.CloudFormationStack{}
	p := cloudformation.NewDescribeStacksPaginator(client, &cloudformation.DescribeStacksInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Stacks {
			out = append(out, snapshot.CloudFormationStack{
				Name: aws.ToString(s.StackName), ARN: aws.ToString(s.StackId),
				Status: string(s.StackStatus), RoleARN: aws.ToString(s.RoleARN),
			})
		}
	}
	return out, nil
}

// codeBuildProjects lists a region's build projects with the service role
// each builds as: ListProjects pages through the names, BatchGetProjects
// reads up to 100 of them per call, so the calls grow with pages of
// projects, not with projects.
func codeBuildProjects(ctx context.Context, client *codebuild.Client) ([]snapshot.CodeBuildProject, error) {
	out := []snapshot.CodeBuildProject{}
	p := codebuild.NewListProjectsPaginator(client, &codebuild.ListProjectsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for names := page.Projects; len(names) > 0; {
			n := min(len(names), 100)
			got, err := client.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: names[:n]})
			if err != nil {
				return nil, err
			}
			for _, pr := range got.Projects {
				out = append(out, snapshot.CodeBuildProject{Name: aws.ToString(pr.Name), ARN: aws.ToString(pr.Arn), ServiceRole: aws.ToString(pr.ServiceRole)})
			}
			names = names[n:]
		}
	}
	return out, nil
}
