// Key Vault in RBAC mode with every secret the silo reads: the card-token key, the read-model connection string (with
// the generated PostgreSQL password), the bootstrap administrator's password hash and API key hash, the webhook
// secret (when a webhook is configured) and the data-protection certificate. The silo's identity reads them
// (Key Vault Secrets User) as Container Apps Key Vault references; the deploying user may manage them.

@description('Azure region of the vault.')
param location string

@description('Name of the vault (3-24 characters, globally unique).')
param name string

@description('Name of the silo\'s user-assigned identity (same resource group), given read access to secrets.')
param identityName string

@description('Principal id of the user running azd (manages secrets and certificates; azd reads the PostgreSQL password back from here). Empty: none.')
param administratorPrincipalId string

@description('Days a deleted vault or secret can be recovered (7 to 90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@secure()
@description('The original card-token key, base64 of 32+ bytes (ActorRisk:Tokenization:Key); empty once it is retired. Never change it once data exists. Versioned keys (tokenization-key-<id>) are set in the vault by the operator.')
param tokenizationKey string

@secure()
@description('The read-model database connection string, password included (ConnectionStrings:ReadModels).')
param readModelsConnectionString string

@secure()
@description('The PostgreSQL administrator password, kept so azd reads the same one back on the next provision.')
param postgresAdministratorPassword string

@secure()
@description('ASP.NET Core PasswordHasher hash of the bootstrap portal administrator\'s password (ActorRisk:Users:0:PasswordHash).')
param administratorPasswordHash string

@secure()
@description('Lower-case hex SHA-256 of the bootstrap administrator API key (ActorRisk:ApiKeys:0:Sha256).')
param administratorApiKeySha256 string

@secure()
@description('HMAC key that signs webhook alerts (ActorRisk:Alerts:WebhookSecret). Empty: no webhook, no secret stored.')
param webhookSecret string

@secure()
@description('The data-protection certificate: a PKCS#12 file without a password, base64 (ActorRisk:DataProtection:Certificate).')
param dataProtectionCertificate string

@description('Tags on the vault.')
param tags object

var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var certificatesOfficerRoleId = 'a4417e6f-fecd-4de8-b567-7b0420556985'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

// Secret names are the contract with silo-app.bicep (its Key Vault references), exported through secretNames.
var secretNames = {
  tokenizationKey: 'tokenization-key'
  readModelsConnectionString: 'read-models-connection-string'
  postgresAdministratorPassword: 'postgres-administrator-password'
  administratorPasswordHash: 'portal-administrator-password-hash'
  administratorApiKeySha256: 'administrator-api-key-sha256'
  webhookSecret: 'webhook-secret'
  dataProtectionCertificate: 'data-protection-certificate'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
  }
}

// Empty once the original key is retired after a rotation: the secret is then left as it is, for the operator to delete.
resource tokenizationKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(tokenizationKey)) {
  parent: vault
  name: secretNames.tokenizationKey
  properties: { value: tokenizationKey }
}

resource readModelsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.readModelsConnectionString
  properties: { value: readModelsConnectionString }
}

resource postgresPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.postgresAdministratorPassword
  properties: { value: postgresAdministratorPassword }
}

resource administratorPasswordHashSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.administratorPasswordHash
  properties: { value: administratorPasswordHash }
}

resource administratorApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.administratorApiKeySha256
  properties: { value: administratorApiKeySha256 }
}

resource webhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookSecret)) {
  parent: vault
  name: secretNames.webhookSecret
  properties: { value: webhookSecret }
}

resource dataProtectionCertificateSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.dataProtectionCertificate
  properties: {
    value: dataProtectionCertificate
    contentType: 'application/x-pkcs12'
  }
}

resource readerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, secretsUserRoleId)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
}

resource administratorRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in (empty(administratorPrincipalId) ? [] : [secretsOfficerRoleId, certificatesOfficerRoleId]): {
  name: guid(vault.id, administratorPrincipalId, roleId)
  scope: vault
  properties: {
    principalId: administratorPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
  }
}]

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault (https://<name>.vault.azure.net/).')
output uri string = vault.properties.vaultUri

@description('Names of the secrets the silo reads, by what they hold.')
output secretNames object = secretNames
