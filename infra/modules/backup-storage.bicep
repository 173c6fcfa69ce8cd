// Backups of the Orleans Table storage (docs/backup.md): a storage account of its own, so a mistake or an attacker
// with the silo's identity cannot reach the copies. Blobs are versioned and soft-deleted, a lifecycle rule deletes
// sets after the retention period, and the backup job's identity may only read the Orleans tables. The restore job's
// identity may only read backups and write the Orleans tables. No shared keys anywhere.

@description('Azure region of the resources.')
param location string

@description('Name of the backup storage account (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Container of the backup sets (ActorRisk:Backup:Destination is its URI).')
param containerName string

@description('Name of the Orleans storage account (same resource group) the jobs back up and restore.')
param orleansStorageName string

@description('Name of the container registry (same resource group) the jobs pull the silo image from.')
param registryName string

@description('Name of the backup job\'s user-assigned identity (created here).')
param backupIdentityName string

@description('Name of the restore job\'s user-assigned identity (created here).')
param restoreIdentityName string

@description('Redundancy of the backup account; geo-redundant keeps the copies if the region is lost.')
param skuName string

@description('Days a backup set is kept before the lifecycle rule deletes it.')
@minValue(1)
param retentionDays int

@description('Days a deleted or overwritten blob can still be recovered (blob soft delete and versions).')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Name of the Log Analytics workspace (same resource group) that receives the account\'s blob write logs (the backup freshness alert reads them).')
param logAnalyticsName string

@description('Tags on every resource.')
param tags object

var roles = {
  tableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  blobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

resource orleansStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: orleansStorageName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource backupIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: backupIdentityName
  location: location
  tags: tags
}

resource restoreIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: restoreIdentityName
  location: location
  tags: tags
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Cool'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteRetentionDays }
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

// Sets are deleted whole by age; an overwritten or deleted blob's old version goes after the soft-delete period.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-backup-sets'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${containerName}/'] }
            actions: {
              baseBlob: { delete: { daysAfterCreationGreaterThan: retentionDays } }
              version: { delete: { daysAfterCreationGreaterThan: softDeleteRetentionDays } }
            }
          }
        }
      ]
    }
  }
}

resource blobWriteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'blob-writes-to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: workspace.id
    logs: [{ category: 'StorageWrite', enabled: true }]
  }
}

resource backupReadsTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(orleansStorage.id, backupIdentity.id, roles.tableDataReader)
  scope: orleansStorage
  properties: {
    principalId: backupIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataReader)
  }
}

resource backupWritesBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, backupIdentity.id, roles.blobDataContributor)
  scope: account
  properties: {
    principalId: backupIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
  }
}

resource restoreReadsBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, restoreIdentity.id, roles.blobDataReader)
  scope: account
  properties: {
    principalId: restoreIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader)
  }
}

resource restoreWritesTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(orleansStorage.id, restoreIdentity.id, roles.tableDataContributor)
  scope: orleansStorage
  properties: {
    principalId: restoreIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataContributor)
  }
}

resource backupPulls 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, backupIdentity.id, roles.acrPull)
  scope: registry
  properties: {
    principalId: backupIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource restorePulls 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, restoreIdentity.id, roles.acrPull)
  scope: registry
  properties: {
    principalId: restoreIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

@description('Where the backup job writes sets (ActorRisk:Backup:Destination).')
output destination string = '${account.properties.primaryEndpoints.blob}${containerName}'

@description('Name of the backup storage account.')
output name string = account.name
