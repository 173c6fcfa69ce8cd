// The container registry azd pushes the silo's image to; the silo's identity pulls it (AcrPull), no admin user.

@description('Azure region of the registry.')
param location string

@description('Name of the container registry (alphanumeric, globally unique).')
param name string

@description('Name of the user-assigned identity (same resource group) that pulls images.')
param identityName string

@description('Tags on the registry.')
param tags object

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPullRoleId)
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
  }
}

@description('Login server of the registry (where azd pushes the image).')
output loginServer string = registry.properties.loginServer

@description('Name of the registry.')
output name string = registry.name
