// One ActorRisk container app, in either role, running the image azd builds from the Dockerfile in azure storage
// mode, its secrets read from Key Vault by its managed identity, probed on the host's health endpoints.
//
// role 'silo': grains, API and portal; exactly one replica. Orleans dials each silo at the endpoint it registers in
// the membership table, and Container Apps gives a replica no setting with its own IP while TCP ingress spreads
// connections over an app's replicas, so a silo app cannot have two. Instead each silo app is reached through the
// environment's static IP on exposed ports no other app uses (internal TCP ingress for the silo port, an additional
// port mapping for the gateway port): it listens on 0.0.0.0 and advertises that address and those ports.
//
// role 'api': API and portal over an Orleans client behind external HTTP ingress. A client dials the silos' gateways
// and is dialled by nobody, so its replicas scale freely between minReplicas and maxReplicas.

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

@description('silo (one replica, Orleans ports behind internal TCP ingress) or api (HTTP ingress, replicas scale).')
@allowed(['silo', 'api'])
param role string

@description('Fewest replicas of an api app (a silo app runs exactly one).')
@minValue(1)
param minReplicas int = 1

@description('Most replicas of an api app (a silo app runs exactly one).')
@minValue(1)
param maxReplicas int = 1

@description('Silo app: the environment\'s static IP, where the other silos and the API clients reach this silo (ActorRisk:Orleans:AdvertisedAddress).')
param advertisedAddress string = ''

@description('Silo app: the environment port mapped to this silo\'s silo port, unique in the environment (ActorRisk:Orleans:AdvertisedSiloPort).')
param advertisedSiloPort int = 0

@description('Silo app: the environment port mapped to this silo\'s gateway port, unique in the environment (ActorRisk:Orleans:AdvertisedGatewayPort).')
param advertisedGatewayPort int = 0

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

@description('Card-token keys the hosts use, oldest first: "original" (Key Vault secret tokenization-key, ActorRisk:Tokenization:Key) and versioned ids (secret tokenization-key-<id>, ActorRisk:Tokenization:Keys:N).')
param tokenizationKeyIds array

@description('Id of the card-token key that makes new tokens (ActorRisk:Tokenization:Current); empty: the only key.')
param tokenizationCurrentKey string

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
var isSilo = role == 'silo'

// Container App secrets: Key Vault references read with the silo's identity (names are the app's own, lower-case).
var secrets = [
  { name: 'read-models', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.readModelsConnectionString}', identity: identityId }
  { name: 'admin-password-hash', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.administratorPasswordHash}', identity: identityId }
  { name: 'admin-api-key-sha256', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.administratorApiKeySha256}', identity: identityId }
  { name: 'data-protection-certificate', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.dataProtectionCertificate}', identity: identityId }
]
// The card-token keys (docs/operations.md, "Rotating the card-token key"): the original one and versioned ones, each
// its own Key Vault secret, so a rotation adds a secret and an id and never rewrites a key in use.
var originalKeyId = 'original'
var usesOriginalKey = contains(map(tokenizationKeyIds, id => toLower(id)), originalKeyId)
var versionedKeyIds = filter(tokenizationKeyIds, id => toLower(id) != originalKeyId)
var originalKeySecrets = usesOriginalKey ? [
  { name: 'tokenization-key', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.tokenizationKey}', identity: identityId }
] : []
var versionedKeySecrets = map(versionedKeyIds, id => {
  name: 'tokenization-key-${toLower(id)}'
  keyVaultUrl: '${keyVaultUri}secrets/${secretNames.tokenizationKey}-${id}'
  identity: identityId
})
var originalKeySettings = usesOriginalKey ? [{ name: 'ActorRisk__Tokenization__Key', secretRef: 'tokenization-key' }] : []
var versionedKeySettings = flatten(map(range(0, length(versionedKeyIds)), index => [
  { name: 'ActorRisk__Tokenization__Keys__${index}__Id', value: versionedKeyIds[index] }
  { name: 'ActorRisk__Tokenization__Keys__${index}__Key', secretRef: 'tokenization-key-${toLower(versionedKeyIds[index])}' }
]))
var currentKeySettings = empty(tokenizationCurrentKey) ? [] : [{ name: 'ActorRisk__Tokenization__Current', value: tokenizationCurrentKey }]
var tokenizationSettings = concat(originalKeySettings, versionedKeySettings, currentKeySettings)

var webhookSecrets = empty(webhookUrl) ? [] : [
  { name: 'webhook-secret', keyVaultUrl: '${keyVaultUri}secrets/${secretNames.webhookSecret}', identity: identityId }
]

// Every setting the silo needs in azure mode (the deployment tests check them against the silo's own checks).
var settings = [
  { name: 'ActorRisk__Storage', value: 'azure' }
  { name: 'ActorRisk__Azure__TableServiceUri', value: tableServiceUri }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'ConnectionStrings__ReadModels', secretRef: 'read-models' }
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
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'OTEL_SERVICE_NAME', value: name }
]
// The API role reads only the cluster's membership table: the endpoint settings mean nothing to an Orleans client.
var siloSettings = [
  { name: 'ActorRisk__Role', value: 'silo' }
  // Container Apps forwards the environment's address and this app's exposed ports to the container's own ports.
  { name: 'ActorRisk__Orleans__ListenAddress', value: '0.0.0.0' }
  { name: 'ActorRisk__Orleans__AdvertisedAddress', value: advertisedAddress }
  { name: 'ActorRisk__Orleans__AdvertisedSiloPort', value: string(advertisedSiloPort) }
  { name: 'ActorRisk__Orleans__AdvertisedGatewayPort', value: string(advertisedGatewayPort) }
]
var apiSettings = [
  { name: 'ActorRisk__Role', value: 'api' }
]
var roleSettings = isSilo ? siloSettings : apiSettings
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

// A silo's HTTP port (API, portal) stays inside the environment: the api app is the public door.
var siloIngress = {
  external: false
  transport: 'tcp'
  targetPort: siloPort
  exposedPort: advertisedSiloPort
  additionalPortMappings: [
    { external: false, targetPort: gatewayPort, exposedPort: advertisedGatewayPort }
  ]
}
var apiIngress = {
  external: true
  targetPort: httpPort
  transport: 'auto'
  allowInsecure: false
  // The portal's pages keep a WebSocket to the replica that served them.
  stickySessions: { affinity: 'sticky' }
}

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
      ingress: isSilo ? siloIngress : apiIngress
      registries: [{ server: registryServer, identity: identityId }]
      secrets: concat(secrets, originalKeySecrets, versionedKeySecrets, webhookSecrets)
    }
    template: {
      containers: [
        {
          name: role
          image: deployed ? image : 'mcr.microsoft.com/dotnet/samples:aspnetapp'
          resources: { cpu: json(cpu), memory: memory }
          env: concat(settings, tokenizationSettings, roleSettings, webhookSettings)
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
        minReplicas: isSilo ? 1 : minReplicas
        maxReplicas: isSilo ? 1 : maxReplicas
      }
    }
  }
}

@description('Name of the container app.')
output name string = app.name

@description('Api app: public HTTPS address (portal, API, health). Silo app: its internal TCP host name.')
output uri string = isSilo ? 'tcp://${app.properties.configuration.ingress.fqdn}:${advertisedSiloPort}' : 'https://${app.properties.configuration.ingress.fqdn}'
