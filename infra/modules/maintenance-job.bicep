// A one-shot run of the silo image's maintenance commands (`dotnet ActorRisk.Silo.dll backup|restore`, docs/backup.md)
// as a Container Apps job: on a schedule (the nightly backup) or started by an operator (a restore). The job has its
// own identity with only the roles its command needs; it never joins the cluster and needs no secret.

@description('Azure region of the job.')
param location string

@description('Name of the job (lower-case letters, digits and dashes, at most 32 characters).')
@maxLength(32)
param name string

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Silo image (the maintenance commands are in it).')
param image string

@description('Login server of the registry the image is pulled from.')
param registryServer string

@description('Name of the job\'s user-assigned identity (same resource group); DefaultAzureCredential signs in with it.')
param identityName string

@description('Arguments of `dotnet ActorRisk.Silo.dll`: the command and its options (settings carry what changes from run to run).')
param arguments array

@description('Cron expression (UTC) of a scheduled job; empty: the job runs only when started (az containerapp job start).')
param cronExpression string = ''

@description('Seconds one run may take before Container Apps stops it.')
@minValue(60)
param timeoutSeconds int

@description('Settings of the command (name and value pairs; no secret: the identity reaches the stores).')
param settings array

@description('Tags on the job.')
param tags object

var scheduled = !empty(cronExpression)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource job 'Microsoft.App/jobs@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: scheduled ? 'Schedule' : 'Manual'
      scheduleTriggerConfig: scheduled ? { cronExpression: cronExpression, parallelism: 1, replicaCompletionCount: 1 } : null
      manualTriggerConfig: scheduled ? null : { parallelism: 1, replicaCompletionCount: 1 }
      replicaTimeout: timeoutSeconds
      // A failed backup is retried once; a restore is idempotent (upserts), so a retry is safe too.
      replicaRetryLimit: 1
      registries: [{ server: registryServer, identity: identity.id }]
    }
    template: {
      containers: [
        {
          name: 'maintenance'
          image: image
          command: ['dotnet', 'ActorRisk.Silo.dll']
          args: arguments
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(settings, [{ name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }])
        }
      ]
    }
  }
}

@description('Name of the job.')
output name string = job.name
