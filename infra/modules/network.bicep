// The virtual network: one subnet for the Container Apps environment's replicas (delegated to Microsoft.App), one
// delegated to PostgreSQL Flexible Server, so the database has no public endpoint and the silos reach it privately;
// the private DNS zone resolves the server's name inside the network.

@description('Azure region of the network.')
param location string

@description('Name of the virtual network.')
param name string

@description('Address space of the network.')
param addressPrefix string

@description('Subnet of the Container Apps environment (a /27 or larger).')
param appsSubnetPrefix string

@description('Subnet delegated to PostgreSQL Flexible Server.')
param databaseSubnetPrefix string

@description('Tags on every resource.')
param tags object

resource network 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: appsSubnetPrefix
          delegations: [{ name: 'apps', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'database'
        properties: {
          addressPrefix: databaseSubnetPrefix
          delegations: [{ name: 'database', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }]
        }
      }
    ]
  }
}

// The zone's name must end in the service's private suffix for the server to register in it.
resource databaseZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${name}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource databaseZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: databaseZone
  name: name
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: network.id }
  }
}

@description('Resource id of the Container Apps environment subnet.')
output appsSubnetId string = network.properties.subnets[0].id

@description('Resource id of the subnet delegated to PostgreSQL.')
output databaseSubnetId string = network.properties.subnets[1].id

@description('Resource id of the PostgreSQL private DNS zone.')
output databaseDnsZoneId string = databaseZone.id
