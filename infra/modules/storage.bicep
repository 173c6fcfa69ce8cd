// The Orleans store of azure mode: cluster membership, grain state and reminders in Azure Table storage
// (ActorRisk:Azure:TableServiceUri). Reached only with Entra ID: shared keys are off, the silo's identity holds
// Storage Table Data Contributor (Orleans creates its tables at start).

@description('Azure region of the account.')
param location string

@description('Name of the storage account (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Name of the silo\'s user-assigned identity (same resource group), given data access to the tables.')
param identityName string

@description('Redundancy of the account, e.g. Standard_ZRS (zone-redundant) or Standard_LRS.')
param skuName string

@description('Tags on the account.')
param tags object

var tableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identity.id, tableDataContributorRoleId)
  scope: account
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributorRoleId)
  }
}

@description('Table service endpoint (ActorRisk:Azure:TableServiceUri).')
output tableServiceUri string = account.properties.primaryEndpoints.table

@description('Name of the storage account.')
output name string = account.name
