package azure

import (
	tf "github.com/rampart-sec/rampart/collectors/terraform"
	"github.com/rampart-sec/rampart/snapshot"
)

// Name keys the provider's state in a mapping. One provider maps both
// azurerm_* and azuread_* resources: they fill one tenant.
const Name = "azure"

// Codes of the errors this mapping records besides terraform's own.
const (
	// CodeDefinitionNotInPlan: a Lighthouse assignment delegates a
	// registration definition the plan does not hold, so the managing
	// tenant cannot be read.
	CodeDefinitionNotInPlan = "DefinitionNotInPlan"
	// CodeCredentialsNotInPlan: a service principal, or its application,
	// exists outside the plan and may hold client secrets the plan does
	// not show.
	CodeCredentialsNotInPlan = "CredentialsNotInPlan"
)

// Provider maps the azurerm_* and azuread_* resources of a plan into one
// snapshot.AzureTenant and its subscriptions.
type Provider struct{}

// New returns the Azure provider.
func New() *Provider { return &Provider{} }

// Name is "azure".
func (p *Provider) Name() string { return Name }

// Mappers lists the resource types read from plans. Applications, service
// principals, directory roles, custom roles and Lighthouse definitions
// are created first; role assignments, passwords and Lighthouse
// assignments connect them.
func (p *Provider) Mappers() map[string]tf.Mapper {
	create := func(fn func(*builder, tf.Instance)) tf.Mapper { return tf.MapWith(tf.Create, p.builder, fn) }
	connect := func(fn func(*builder, tf.Instance)) tf.Mapper { return tf.MapWith(tf.Connect, p.builder, fn) }
	return map[string]tf.Mapper{
		// Azure RBAC (rbac.go)
		"azurerm_role_definition": create((*builder).mapRoleDefinition),
		"azurerm_role_assignment": connect((*builder).mapRoleAssignment),
		// Monitoring and Defender (monitor.go)
		"azurerm_monitor_diagnostic_setting":           create((*builder).mapDiagnosticSetting),
		"azurerm_monitor_activity_log_alert":           create((*builder).mapActivityLogAlert),
		"azurerm_security_center_subscription_pricing": create((*builder).mapPricing),
		// Lighthouse (lighthouse.go)
		"azurerm_lighthouse_definition": create((*builder).mapLighthouseDefinition),
		"azurerm_lighthouse_assignment": connect((*builder).mapLighthouseAssignment),
		// Entra ID (directory.go)
		"azuread_application":                               create((*builder).mapApplication),
		"azuread_service_principal":                         create((*builder).mapServicePrincipal),
		"azuread_directory_role":                            create((*builder).mapDirectoryRole),
		"azuread_application_password":                      connect((*builder).mapApplicationPassword),
		"azuread_service_principal_password":                connect((*builder).mapServicePrincipalPassword),
		"azuread_application_federated_identity_credential": connect((*builder).mapFederatedCredential),
		"azuread_directory_role_assignment":                 connect((*builder).mapDirectoryRoleAssignment),
	}
}

// Finish writes the plan's tenant, its scopes and its scope-wide errors;
// a plan without mapped Azure resources gets nothing.
func (p *Provider) Finish(m *tf.Mapping, s *snapshot.Snapshot) {
	if b := tf.State[builder](m, Name, nil); b != nil {
		b.finish(s)
	}
}
