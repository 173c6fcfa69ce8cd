// ActorRisk on Azure (azd up): siloCount silo apps and one scalable api app in Azure Container Apps, in azure storage mode. Orleans keeps cluster
// membership, grain state and reminders in Azure Table storage, reached with a managed identity; the read models are
// in a private PostgreSQL Flexible Server; secrets in Key Vault; logs in Log Analytics, telemetry in Application
// Insights. docs/deployment.md explains each part, the parameters and what is not covered.
targetScope = 'subscription'

@description('Name of the azd environment (AZURE_ENV_NAME): names the resource group and seeds unique resource names.')
@minLength(1)
@maxLength(48)
param environmentName string

@description('Azure region of every resource (AZURE_LOCATION).')
param location string

@description('Object id of the user running azd (AZURE_PRINCIPAL_ID): may manage the Key Vault\'s secrets. Empty: nobody.')
param principalId string = ''

@description('Silo image azd deployed (SERVICE_SILO_IMAGE_NAME); empty on the first provision.')
param siloImage string = ''

@description('Silos: one container app of one replica each, so each has an endpoint of its own (docs/deployment.md). Change it and run azd provision to add or remove silos.')
@minValue(1)
@maxValue(100)
param siloCount int = 3

@description('Fewest replicas of the api app (API and portal over an Orleans client).')
@minValue(1)
param apiMinReplicas int = 1

@description('Most replicas of the api app.')
@minValue(1)
param apiMaxReplicas int = 3

@description('vCPUs per silo.')
param siloCpu string = '1.0'

@description('Memory per silo (twice the vCPUs in the Consumption profile).')
param siloMemory string = '2Gi'

@description('vCPUs per api replica.')
param apiCpu string = '0.5'

@description('Memory per api replica (twice the vCPUs in the Consumption profile).')
param apiMemory string = '1Gi'

@description('Orleans cluster id (ActorRisk:Orleans:ClusterId).')
param clusterId string = 'actorrisk'

@description('Orleans service id: never change it once data exists (ActorRisk:Orleans:ServiceId).')
param serviceId string = 'actorrisk'

@description('Orleans silo-to-silo port (ActorRisk:Orleans:SiloPort).')
param siloPort int = 11111

@description('Orleans gateway port (ActorRisk:Orleans:GatewayPort).')
param gatewayPort int = 30000

@description('Redundancy of the Orleans storage account.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_ZRS'

@description('PostgreSQL major version of the read-model server.')
param postgresVersion string = '16'

@description('PostgreSQL compute tier (HighAvailability needs GeneralPurpose or MemoryOptimized).')
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresSkuTier string = 'GeneralPurpose'

@description('PostgreSQL compute size.')
param postgresSkuName string = 'Standard_D2ds_v5'

@description('PostgreSQL storage in GiB.')
param postgresStorageSizeGB int = 64

@description('Days of PostgreSQL point-in-time restore backups (7 to 35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@description('Keep PostgreSQL backups in the paired region too.')
param postgresGeoRedundantBackup bool = false

@description('Zone-redundant high availability of PostgreSQL.')
param postgresHighAvailability bool = false

@description('PostgreSQL administrator login.')
param postgresAdministratorLogin string = 'actorrisk'

@secure()
@description('PostgreSQL administrator password: azd generates it once and reads it back from Key Vault (main.parameters.json).')
param postgresAdministratorPassword string

@secure()
@description('The original card-token key, base64 of 32+ random bytes (ActorRisk:Tokenization:Key). Never change it once data exists: rotate by adding versioned keys (tokenizationKeyIds). Empty only once it is retired after a rotation.')
param tokenizationKey string

@description('Card-token keys the hosts use, oldest first, comma-separated: "original" is tokenizationKey; any other id (1 to 16 letters or digits, never reused) names the Key Vault secret tokenization-key-<id>, which the operator sets in the vault (docs/operations.md, "Rotating the card-token key").')
param tokenizationKeyIds string = 'original'

@description('Id of the card-token key that makes new tokens (ActorRisk:Tokenization:Current): "original" or one of tokenizationKeyIds. Empty: the only key.')
param tokenizationCurrentKey string = ''

@secure()
@description('The data-protection certificate, a password-less PKCS#12 file in base64 (ActorRisk:DataProtection:Certificate).')
param dataProtectionCertificate string

@description('User name of the bootstrap portal administrator.')
param administratorUserName string = 'admin'

@secure()
@description('ASP.NET Core PasswordHasher hash of the bootstrap administrator\'s portal password.')
param administratorPasswordHash string

@secure()
@description('Lower-case hex SHA-256 of the bootstrap administrator API key.')
@minLength(64)
@maxLength(64)
param administratorApiKeySha256 string

@description('Where merchant alerts are POSTed (ActorRisk:Alerts:WebhookUrl); empty: no webhook.')
param webhookUrl string = ''

@secure()
@description('HMAC key of the webhook\'s signatures (ActorRisk:Alerts:WebhookSecret); required with webhookUrl.')
param webhookSecret string = ''

@description('Spread the Container Apps environment over availability zones.')
param zoneRedundant bool = false

@description('Redundancy of the account that holds the Table storage backups (geo-redundant: the copies survive the loss of the region).')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS'])
param backupStorageSku string = 'Standard_GRS'

@description('Cron expression (UTC) of the nightly Table storage backup job.')
param backupSchedule string = '30 2 * * *'

@description('Days a Table storage backup set is kept.')
@minValue(1)
param backupRetentionDays int = 35

@description('Days a deleted or overwritten backup blob can still be recovered (soft delete and versions).')
@minValue(1)
@maxValue(365)
param backupSoftDeleteRetentionDays int = 14

@description('Days Log Analytics keeps logs.')
param logRetentionInDays int = 30

@description('Alert rules on the telemetry evaluate (true) or exist disabled (false) (docs/operations.md, "Alerts: what each means and what to do").')
param alertsEnabled bool = true

@description('E-mail address the alerts notify (ACTORRISK_ALERT_EMAIL); empty: no e-mail, the alerts show in the portal only.')
param alertEmail string = ''

@secure()
@description('HTTPS address the alerts are POSTed to in the common alert schema (ACTORRISK_ALERT_WEBHOOK_URI); empty: none.')
param alertWebhookUri string = ''

@description('Alert when 503 answers exceed this percentage of requests (health probes left out) over 5 minutes.')
@minValue(1)
@maxValue(100)
param alertUnavailableSharePercent int = 1

@description('Alert when server errors other than 503 exceed this percentage of requests over 15 minutes.')
@minValue(1)
@maxValue(100)
param alertServerErrorSharePercent int = 1

@description('Alert when the oldest merchant alert due in the webhook outbox has waited longer than this, in seconds.')
@minValue(60)
param alertOutboxAgeSeconds int = 300

@description('Alert when more API requests than this carry an unknown key in 5 minutes.')
@minValue(1)
param alertUnknownKeyPer5Minutes int = 20

@description('Alert when the velocity limits block more cards than this in 5 minutes (card testing).')
@minValue(1)
param alertCardsBlockedPer5Minutes int = 30

var tags = { 'azd-env-name': environmentName }
var tokenizationKeyIdList = filter(map(split(tokenizationKeyIds, ','), id => trim(id)), id => !empty(id))
var token = toLower(uniqueString(subscription().id, environmentName, location))
var readModelsDatabase = 'actorrisk'
// Names known before deployment, so role assignments and references stay predictable (what-if).
var identityName = 'id-silo-${token}'
var backupIdentityName = 'id-backup-${token}'
var restoreIdentityName = 'id-restore-${token}'
var siloAppNames = map(range(0, siloCount), index => 'ca-silo-${index}-${token}')
var backupAccountName = 'stbk${token}'
var backupContainerName = 'table-backups'
var backupJobName = 'caj-backup-${token}'
var restoreJobName = 'caj-restore-${token}'
var logAnalyticsName = 'log-${token}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    location: location
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: 'appi-${token}'
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

// Alert rules over the workspace's telemetry and the action group they notify (docs/operations.md, "Alerts").
module alerts 'modules/alerts.bicep' = {
  scope: group
  dependsOn: [monitoring]
  params: {
    location: location
    logAnalyticsName: logAnalyticsName
    namePrefix: 'alert-${token}'
    siloAppNames: siloAppNames
    backupAccountName: backupAccountName
    backupContainerName: backupContainerName
    enabled: alertsEnabled
    email: alertEmail
    webhookUri: alertWebhookUri
    unavailableSharePercent: alertUnavailableSharePercent
    serverErrorSharePercent: alertServerErrorSharePercent
    outboxAgeSeconds: alertOutboxAgeSeconds
    unknownKeyPer5Minutes: alertUnknownKeyPer5Minutes
    cardsBlockedPer5Minutes: alertCardsBlockedPer5Minutes
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: {
    location: location
    name: identityName
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  scope: group
  dependsOn: [identity]
  params: {
    location: location
    name: 'cr${token}'
    identityName: identityName
    tags: tags
  }
}

module network 'modules/network.bicep' = {
  scope: group
  params: {
    location: location
    name: 'vnet-${token}'
    addressPrefix: '10.40.0.0/16'
    appsSubnetPrefix: '10.40.0.0/23'
    databaseSubnetPrefix: '10.40.2.0/24'
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  dependsOn: [identity]
  params: {
    location: location
    name: 'st${token}'
    identityName: identityName
    skuName: storageSku
    tags: tags
  }
}

module postgres 'modules/postgres.bicep' = {
  scope: group
  params: {
    location: location
    name: 'psql-${token}'
    databaseName: readModelsDatabase
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
    version: postgresVersion
    skuTier: postgresSkuTier
    skuName: postgresSkuName
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    highAvailability: postgresHighAvailability
    delegatedSubnetId: network.outputs.databaseSubnetId
    privateDnsZoneId: network.outputs.databaseDnsZoneId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: group
  dependsOn: [identity]
  params: {
    location: location
    name: 'kv-${token}'
    identityName: identityName
    administratorPrincipalId: principalId
    softDeleteRetentionInDays: 90
    tokenizationKey: contains(map(tokenizationKeyIdList, id => toLower(id)), 'original') ? tokenizationKey : ''
    readModelsConnectionString: 'Host=${postgres.outputs.fullyQualifiedDomainName};Database=${postgres.outputs.databaseName};Username=${postgresAdministratorLogin};Password=${postgresAdministratorPassword};Ssl Mode=Require'
    postgresAdministratorPassword: postgresAdministratorPassword
    administratorPasswordHash: administratorPasswordHash
    administratorApiKeySha256: administratorApiKeySha256
    webhookSecret: webhookSecret
    dataProtectionCertificate: dataProtectionCertificate
    tags: tags
  }
}

module environment 'modules/container-apps-environment.bicep' = {
  scope: group
  dependsOn: [monitoring]
  params: {
    location: location
    name: 'cae-${token}'
    logAnalyticsName: logAnalyticsName
    infrastructureSubnetId: network.outputs.appsSubnetId
    zoneRedundant: zoneRedundant
    tags: tags
  }
}

module backupStorage 'modules/backup-storage.bicep' = {
  scope: group
  dependsOn: [storage, registry, monitoring]
  params: {
    location: location
    name: backupAccountName
    containerName: backupContainerName
    orleansStorageName: 'st${token}'
    registryName: 'cr${token}'
    backupIdentityName: backupIdentityName
    restoreIdentityName: restoreIdentityName
    skuName: backupStorageSku
    retentionDays: backupRetentionDays
    softDeleteRetentionDays: backupSoftDeleteRetentionDays
    logAnalyticsName: logAnalyticsName
    tags: tags
  }
}

// The backup and restore jobs run the silo image, so they exist once azd has deployed one.
module backupJob 'modules/maintenance-job.bicep' = if (!empty(siloImage)) {
  scope: group
  params: {
    location: location
    name: backupJobName
    environmentId: environment.outputs.id
    image: siloImage
    registryServer: registry.outputs.loginServer
    identityName: backupIdentityName
    arguments: ['backup']
    cronExpression: backupSchedule
    timeoutSeconds: 4 * 3600
    settings: [
      { name: 'ActorRisk__Azure__TableServiceUri', value: storage.outputs.tableServiceUri }
      { name: 'ActorRisk__Backup__Destination', value: backupStorage.outputs.destination }
    ]
    tags: union(tags, { 'actorrisk-role': 'backup' })
  }
}

// Started by an operator after setting ActorRisk__Restore__From on it (docs/operations.md#restoring-the-table-storage);
// silos must be stopped first. Without that setting it prints its usage and restores nothing.
module restoreJob 'modules/maintenance-job.bicep' = if (!empty(siloImage)) {
  scope: group
  dependsOn: [backupStorage]
  params: {
    location: location
    name: restoreJobName
    environmentId: environment.outputs.id
    image: siloImage
    registryServer: registry.outputs.loginServer
    identityName: restoreIdentityName
    arguments: ['restore']
    timeoutSeconds: 8 * 3600
    settings: [
      { name: 'ActorRisk__Azure__TableServiceUri', value: storage.outputs.tableServiceUri }
    ]
    tags: union(tags, { 'actorrisk-role': 'restore' })
  }
}

// Each silo its own app of one replica, reached at the environment's static IP on exposed ports no other silo uses:
// silo i on siloPort + 1 + i and gatewayPort + 1 + i (the plain ports stay free, so no exposed port equals a container
// port another app might expose).
module silos 'modules/actorrisk-app.bicep' = [for (_, index) in range(0, siloCount): {
  scope: group
  name: 'silo-${index}'
  params: {
    location: location
    name: siloAppNames[index]
    role: 'silo'
    advertisedAddress: environment.outputs.staticIp
    advertisedSiloPort: siloPort + 1 + index
    advertisedGatewayPort: gatewayPort + 1 + index
    cpu: siloCpu
    memory: siloMemory
    environmentId: environment.outputs.id
    image: siloImage
    registryServer: registry.outputs.loginServer
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tableServiceUri: storage.outputs.tableServiceUri
    keyVaultUri: keyVault.outputs.uri
    secretNames: keyVault.outputs.secretNames
    tokenizationKeyIds: tokenizationKeyIdList
    tokenizationCurrentKey: tokenizationCurrentKey
    clusterId: clusterId
    serviceId: serviceId
    siloPort: siloPort
    gatewayPort: gatewayPort
    administratorUserName: administratorUserName
    webhookUrl: webhookUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    // azd deploys its image to the api app only (one app per service); the silos take it on the next provision.
    tags: union(tags, { 'actorrisk-role': 'silo' })
  }
}]

module api 'modules/actorrisk-app.bicep' = {
  scope: group
  params: {
    location: location
    name: 'ca-api-${token}'
    role: 'api'
    minReplicas: apiMinReplicas
    maxReplicas: apiMaxReplicas
    cpu: apiCpu
    memory: apiMemory
    environmentId: environment.outputs.id
    image: siloImage
    registryServer: registry.outputs.loginServer
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tableServiceUri: storage.outputs.tableServiceUri
    keyVaultUri: keyVault.outputs.uri
    secretNames: keyVault.outputs.secretNames
    tokenizationKeyIds: tokenizationKeyIdList
    tokenizationCurrentKey: tokenizationCurrentKey
    clusterId: clusterId
    serviceId: serviceId
    siloPort: siloPort
    gatewayPort: gatewayPort
    administratorUserName: administratorUserName
    webhookUrl: webhookUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    tags: union(tags, { 'azd-service-name': 'silo', 'actorrisk-role': 'api' })
  }
}

@description('Resource group of the deployment.')
output AZURE_RESOURCE_GROUP string = group.name

@description('Registry azd pushes the silo image to.')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer

@description('Key Vault name (azd reads the PostgreSQL password back from it on the next provision).')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Public HTTPS address of the api app: portal at /, API at /v1, health at /health/ready.')
output SILO_URI string = api.outputs.uri

@description('Names of the silo apps (one replica each); the postdeploy step gives them the image azd deployed.')
output SILO_APP_NAMES array = [for index in range(0, siloCount): silos[index].outputs.name]

@description('Table service endpoint of the Orleans storage account.')
output ORLEANS_TABLE_SERVICE_URI string = storage.outputs.tableServiceUri

@description('Host name of the read-model PostgreSQL server (private).')
output POSTGRES_HOST string = postgres.outputs.fullyQualifiedDomainName

@description('The api app, which azd deploys the image to (scripts/azd/roll-silos.sh rolls the silos onto its image).')
output API_APP_NAME string = api.outputs.name

@description('Blob container the backup job writes Table storage backup sets to.')
output BACKUP_DESTINATION string = backupStorage.outputs.destination

@description('The nightly Table storage backup job (exists once azd has deployed an image).')
output BACKUP_JOB_NAME string = backupJobName

@description('The restore job an operator starts (exists once azd has deployed an image).')
output RESTORE_JOB_NAME string = restoreJobName
