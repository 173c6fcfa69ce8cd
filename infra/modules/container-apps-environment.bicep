// The Container Apps environment the silo replicas run in: workload profiles (Consumption), inside the virtual
// network's apps subnet so the replicas reach PostgreSQL privately and each other directly (Orleans), with console
// and system logs sent to Log Analytics.

@description('Azure region of the environment.')
param location string

@description('Name of the environment.')
param name string

@description('Name of the Log Analytics workspace that receives the logs.')
param logAnalyticsName string

@description('Resource id of the subnet delegated to Microsoft.App/environments.')
param infrastructureSubnetId string

@description('Spread replicas over availability zones (needs a region with zones).')
param zoneRedundant bool

@description('Tags on the environment.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      internal: false
    }
    zoneRedundant: zoneRedundant
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

@description('Resource id of the environment.')
output id string = environment.id

@description('Default domain of the environment (apps are <app>.<domain>).')
output defaultDomain string = environment.properties.defaultDomain

@description('The environment\'s static IP inside the virtual network: every app\'s TCP ingress answers on it, each on its own exposed ports.')
output staticIp string = environment.properties.staticIp
