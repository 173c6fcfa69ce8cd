// The silo: one Container App running the image azd builds from the Dockerfile, in azure storage mode, its secrets
// read from Key Vault by its managed identity, its HTTP port behind the environment's ingress, probed on the host's
// health endpoints.
//
// Orleans between replicas: each silo registers the address in ActorRisk:Orleans:AdvertisedAddress in the membership
// table and the others dial that address directly. The silo takes that address only from configuration, and Container
// Apps gives a replica no setting that holds its own IP, so every replica would announce 127.0.0.1 and the replicas
// would take each other for restarts of one silo. Until the silo can find its own address, the app runs one replica
// (maxReplicas is capped at 1): see docs/deployment.md, "What is not covered".

@description('Azure region of the app.')
param location string

@description('Name of the container app.')
param name string

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Image to run (azd sets SERVICE_SILO_IMAGE_NAME after its first deploy); empty: a placeholder until azd deploys the silo.')
param image string

@description('Login server of the registry the image comes from.')
param registryServer string

@description('Resource id of the silo\'s user-assigned identity.')
param identityId string

@description('Client id of that identity (AZURE_CLIENT_ID: DefaultAzureCredential signs in with it).')
param identityClientId string

@description('Fewest replicas. At least 1: month-close reminders fire only on a running silo.')
@minValue(1)
param minReplicas int

@description('Most replicas. 1 until the silo can advertise its replica\'s own address (see the note at the top).')
@minValue(1)
@maxValue(1)
param maxReplicas int

@description('vCPUs per replica, e.g. \'1.0\'.')
param cpu string

@description('Memory per replica, e.g. \'2Gi\' (twice the vCPUs in the Consumption profile).')
param memory string

@description('Table service endpoint of the Orleans storage account (ActorRisk:Azure:TableServiceUri).')
param tableServiceUri string

@description('URI of the Key Vault that holds the silo\'s secrets.')
param keyVaultUri string

@description('Names of the Key Vault secrets, by what they hold (keyvault.bicep\'s secretNames).')
param secretNames object

@description('Orleans cluster id (ActorRisk:Orleans:ClusterId).')
param clusterId string

@description('Orleans service id; keep it forever: Table storage keys state and reminders by it (ActorRisk:Orleans:ServiceId).')
param serviceId string

@description('Orleans silo-to-silo port (ActorRisk:Orleans:SiloPort).')
param siloPort int

@description('Orleans gateway port for API tiers (ActorRisk:Orleans:GatewayPort).')
param gatewayPort int

@description('User name of the bootstrap portal administrator (ActorRisk:Users:0:UserName).')
param administratorUserName string

@description('Where merchant alerts are POSTed (ActorRisk:Alerts:WebhookUrl); empty: no webhook.')
param webhookUrl string

@description('Application Insights connection string (APPLICATIONINSIGHTS_CONNECTION_STRING).')
param applicationInsightsConnectionString string

@description('Tags on the app (azd finds the service by azd-service-name).')
param tags object

var httpPort = 8080
var certificateDirectory = '/mnt/secrets'
var certificateFile = 'data-protection.pfx'
var deployed = !empty(image)

// Container App secrets: Key Vault references read with the silo's identity (names are the app's own, lower-case).
var secrets = [
  { name: 'tokenization-key', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.tokenizationKey}', identity: identityId }
  { name: 'read-models', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.readModelsConnectionString}', identity: identityId }
  { name: 'admin-password-hash', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.administratorPasswordHash}', identity: identityId }
  { name: 'admin-api-key-sha256', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.administratorApiKeySha256}', identity: identityId }
  { name: 'data-protection-certificate', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.dataProtectionCertificate}', identity: identityId }
]
var webhookSecrets = empty(webhookUrl) ? [] : [
  { name: 'webhook-secret', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.webhookSecret}', identity: identityId }
]

// Every setting the silo needs in azure mode (the deployment tests check them against the silo's own checks).
var settings = [
  { name: 'ActorRisk__Storage', value: 'azure' }
  { name: 'ActorRisk__Azure__TableServiceUri', value: tableServiceUri }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'ConnectionStrings__ReadModels', secretRef: 'read-models' }
  { name: 'ActorRisk__Tokenization__Key', secretRef: 'tokenization-key' }
  { name: 'ActorRisk__DataProtection__Certificate__Path', value: '${certificateDirectory}/${certificateFile}' }
  { name: 'ActorRisk__Users__0__UserName', value: administratorUserName }
  { name: 'ActorRisk__Users__0__PasswordHash', secretRef: 'admin-password-hash' }
  { name: 'ActorRisk__Users__0__Roles__0', value: 'admin' }
  { name: 'ActorRisk__ApiKeys__0__Name', value: 'bootstrap-admin' }
  { name: 'ActorRisk__ApiKeys__0__Sha256', secretRef: 'admin-api-key-sha256' }
  { name: 'ActorRisk__ApiKeys__0__Roles__0', value: 'admin' }
  { name: 'ActorRisk__Orleans__ClusterId', value: clusterId }
  { name: 'ActorRisk__Orleans__ServiceId', value: serviceId }
  { name: 'ActorRisk__Orleans__SiloPort', value: string(siloPort) }
  { name: 'ActorRisk__Orleans__GatewayPort', value: string(gatewayPort) }
  // One replica: loopback is its own address (see the note at the top).
  { name: 'ActorRisk__Orleans__AdvertisedAddress', value: '127.0.0.1' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'OTEL_SERVICE_NAME', value: name }
]
var webhookSettings = empty(webhookUrl) ? [] : [
  { name: 'ActorRisk__Alerts__WebhookUrl', value: webhookUrl }
  { name: 'ActorRisk__Alerts__WebhookSecret', secretRef: 'webhook-secret' }
]

var probes = [
  {
    type: 'Startup'
    httpGet: { path: '/health/live', port: httpPort }
    periodSeconds: 5
    // Schema migrations and joining the cluster come before the first answer.
    failureThreshold: 60
  }
  {
    type: 'Liveness'
    httpGet: { path: '/health/live', port: httpPort }
    periodSeconds: 10
    failureThreshold: 3
  }
  {
    type: 'Readiness'
    httpGet: { path: '/health/ready', port: httpPort }
    periodSeconds: 10
    failureThreshold: 3
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: httpPort
        transport: 'auto'
        allowInsecure: false
        // The portal's pages keep a WebSocket to the replica that served them.
        stickySessions: { affinity: 'sticky' }
        // Orleans' ports inside the environment only, for API tiers and silos in other apps of the environment.
        additionalPortMappings: [
          { external: false, targetPort: siloPort, exposedPort: siloPort }
          { external: false, targetPort: gatewayPort, exposedPort: gatewayPort }
        ]
      }
      registries: [{ server: registryServer, identity: identityId }]
      secrets: concat(secrets, webhookSecrets)
    }
    template: {
      containers: [
        {
          name: 'silo'
          image: deployed ? image : 'mcr.microsoft.com/dotnet/samples:aspnetapp'
          resources: { cpu: json(cpu), memory: memory }
          env: concat(settings, webhookSettings)
          // The placeholder answers none of the silo's paths; azd's deploy changes only the image, so the next
          // provision (a second `azd up`) adds these. Until then Container Apps probes the port.
          probes: deployed ? probes : []
          volumeMounts: [{ volumeName: 'data-protection', mountPath: certificateDirectory }]
        }
      ]
      volumes: [
        {
          name: 'data-protection'
          storageType: 'Secret'
          secrets: [{ secretRef: 'data-protection-certificate', path: certificateFile }]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

@description('Name of the container app.')
output name string = app.name

@description('Public HTTPS address of the silo (portal, API, health).')
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
