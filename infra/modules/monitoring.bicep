// Logs and telemetry: a Log Analytics workspace (the Container Apps environment's console and system logs) and a
// workspace-based Application Insights that the silo exports to through OpenTelemetry.

@description('Azure region of the resources.')
param location string

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Days the workspace keeps logs (30 to 730).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags on every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = workspace.name

@description('Application Insights connection string (an ingestion endpoint and key; not a credential to read data).')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
