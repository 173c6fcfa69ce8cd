// Alerts on the silo's telemetry: an action group (optional e-mail and webhook receivers) and log search alert rules
// (scheduled queries) over the Log Analytics workspace. The workspace-based Application Insights keeps the silo's
// OpenTelemetry metrics in AppMetrics (Name is the instrument's name, Sum the counter's increase over the export
// interval or the gauge's value, ItemCount a histogram's count, Properties the tags) and its requests in AppRequests
// (ResultCode; ItemCount is the sampling weight). docs/telemetry.md lists the instruments; each rule's description
// links the runbook section that says what to do (docs/operations.md, "Alerts: what each means and what to do").

@description('Azure region of the rules (the workspace\'s).')
param location string

@description('Name of the Log Analytics workspace the rules query.')
param logAnalyticsName string

@description('Prefix of the rules\' and the action group\'s names.')
param namePrefix string

@description('Names of the silo apps: their OTEL_SERVICE_NAME, so the AppRoleName of what each silo exports.')
param siloAppNames array

@description('Name of the backup storage account whose blob write logs show finished backups.')
param backupAccountName string

@description('Container of the backup sets in that account.')
param backupContainerName string

@description('Rules evaluate (true) or exist disabled (false).')
param enabled bool

@description('E-mail address the action group notifies; empty: no e-mail receiver.')
param email string

@secure()
@description('HTTPS address the action group POSTs alerts to (common alert schema); empty: no webhook receiver.')
param webhookUri string

@description('503 answers (actorrisk.api.unavailable) in percent of requests (health probes left out) over 5 minutes that fire the alert.')
param unavailableSharePercent int

@description('Server errors other than 503 in percent of requests over 15 minutes that fire the alert.')
param serverErrorSharePercent int

@description('Age in seconds of the oldest alert due in the webhook outbox that fires the alert.')
param outboxAgeSeconds int

@description('API requests refused for an unknown key per 5 minutes that fire the alert.')
param unknownKeyPer5Minutes int

@description('Cards blocked by the velocity limits per 5 minutes that fire the alert.')
param cardsBlockedPer5Minutes int

@description('Tags on every resource.')
param tags object

// Share rules need some traffic first: a single 503 among a handful of requests is no incident.
var minimumRequests = 50
var runbook = 'See docs/operations.md#'
var siloList = '"${join(siloAppNames, '", "')}"'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'actorrisk'
    enabled: true
    emailReceivers: empty(email) ? [] : [
      {
        name: 'operators-email'
        emailAddress: email
        useCommonAlertSchema: true
      }
    ]
    webhookReceivers: empty(webhookUri) ? [] : [
      {
        name: 'operators-webhook'
        serviceUri: webhookUri
        useCommonAlertSchema: true
      }
    ]
  }
}

// Every query ends in one number, Value, compared with the threshold; no row (too little traffic) is no alert.
var rules = [
  {
    name: 'api-unavailable'
    displayName: 'ActorRisk: 503 answers above ${unavailableSharePercent}% of API requests'
    description: 'The API answered 503 (actorrisk.api.unavailable: storage or the cluster did not answer) to more than ${unavailableSharePercent}% of its requests (health probes left out) in 5 minutes. Gateways retry them. ${runbook}503-answers'
    severity: 1
    frequency: 'PT5M'
    window: 'PT5M'
    aggregation: 'Maximum'
    operator: 'GreaterThan'
    threshold: unavailableSharePercent
    query: $'''
AppMetrics
| where Name == "actorrisk.api.unavailable" or (Name == "http.server.request.duration" and tostring(Properties["http.route"]) !startswith "/health/")
| summarize Unavailable = sumif(Sum, Name == "actorrisk.api.unavailable"), Requests = sumif(ItemCount, Name == "http.server.request.duration")
| where Requests >= ${minimumRequests}
| project Value = 100.0 * Unavailable / Requests
'''
  }
  {
    name: 'server-errors'
    displayName: 'ActorRisk: server errors above ${serverErrorSharePercent}% of requests'
    description: 'More than ${serverErrorSharePercent}% of the requests in 15 minutes (Application Insights requests, health probes left out) ended in a 5xx status other than 503: unhandled exceptions. ${runbook}server-errors'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    aggregation: 'Maximum'
    operator: 'GreaterThan'
    threshold: serverErrorSharePercent
    query: $'''
AppRequests
| where Name !has "/health/"
| summarize ServerErrors = sumif(ItemCount, toint(ResultCode) >= 500 and ResultCode != "503"), Requests = sum(ItemCount)
| where Requests >= ${minimumRequests}
| project Value = 100.0 * ServerErrors / Requests
'''
  }
  {
    name: 'webhook-failed'
    displayName: 'ActorRisk: merchant alerts given up by the webhook'
    description: 'A merchant alert was given up after its last webhook delivery attempt (actorrisk.alerts.webhook.deliveries, outcome failed): the acquirer did not get it. ${runbook}webhook-alerts-given-up'
    severity: 2
    frequency: 'PT5M'
    window: 'PT5M'
    aggregation: 'Total'
    operator: 'GreaterThan'
    threshold: 0
    query: '''
AppMetrics
| where Name == "actorrisk.alerts.webhook.deliveries" and tostring(Properties["outcome"]) == "failed"
| summarize Value = sum(Sum)
'''
  }
  {
    name: 'outbox-age'
    displayName: 'ActorRisk: merchant alerts waiting over ${outboxAgeSeconds} s in the outbox'
    description: 'The oldest merchant alert due for webhook delivery has waited more than ${outboxAgeSeconds} seconds (actorrisk.alerts.outbox.oldest_due.age): alerts reach the acquirer late. ${runbook}outbox-backlog'
    severity: 2
    frequency: 'PT5M'
    window: 'PT10M'
    aggregation: 'Maximum'
    operator: 'GreaterThan'
    threshold: outboxAgeSeconds
    query: '''
AppMetrics
| where Name == "actorrisk.alerts.outbox.oldest_due.age"
| summarize Value = max(Sum)
'''
  }
  {
    name: 'forwarder-dropped'
    displayName: 'ActorRisk: forwarder dropped data'
    description: 'A silo\'s forwarder dropped items after its retries ran out (actorrisk.forwarder.handovers, outcome dropped): merchant counts, card sightings, request routes or live-feed decisions were lost. ${runbook}forwarder-data-dropped'
    severity: 1
    frequency: 'PT5M'
    window: 'PT5M'
    aggregation: 'Total'
    operator: 'GreaterThan'
    threshold: 0
    query: '''
AppMetrics
| where Name == "actorrisk.forwarder.handovers" and tostring(Properties["outcome"]) == "dropped"
| summarize Value = sum(Sum)
'''
  }
  {
    name: 'unknown-api-keys'
    displayName: 'ActorRisk: requests with unknown API keys'
    description: 'More than ${unknownKeyPer5Minutes} API requests in 5 minutes carried an X-Api-Key the hosts do not know (actorrisk.api.key.rejected, reason unknown_key): key guessing, or a gateway with a revoked key. ${runbook}unknown-api-keys'
    severity: 2
    frequency: 'PT5M'
    window: 'PT5M'
    aggregation: 'Total'
    operator: 'GreaterThan'
    threshold: unknownKeyPer5Minutes
    query: '''
AppMetrics
| where Name == "actorrisk.api.key.rejected" and tostring(Properties["reason"]) == "unknown_key"
| summarize Value = sum(Sum)
'''
  }
  {
    name: 'cards-blocked'
    displayName: 'ActorRisk: card blocks surge'
    description: 'The velocity limits blocked more than ${cardsBlockedPer5Minutes} cards in 5 minutes (actorrisk.cards.blocked, operators\' blocks left out): a card-testing attack. ${runbook}card-blocks-surge'
    severity: 2
    frequency: 'PT5M'
    window: 'PT5M'
    aggregation: 'Total'
    operator: 'GreaterThan'
    threshold: cardsBlockedPer5Minutes
    query: '''
AppMetrics
| where Name == "actorrisk.cards.blocked" and tostring(Properties["rule"]) != "manual_block"
| summarize Value = sum(Sum)
'''
  }
  {
    name: 'silos-missing'
    displayName: 'ActorRisk: fewer than ${length(siloAppNames)} silos reporting'
    description: 'Fewer than the ${length(siloAppNames)} silo apps reported Orleans\' catalog (orleans-catalog-activations) in 10 minutes: a silo is down or restarting. ${runbook}silos-missing'
    severity: 2
    frequency: 'PT5M'
    window: 'PT10M'
    aggregation: 'Minimum'
    operator: 'LessThan'
    threshold: length(siloAppNames)
    query: $'''
AppMetrics
| where Name == "orleans-catalog-activations" and AppRoleName in (${siloList})
| summarize Value = dcount(AppRoleName)
'''
  }
  {
    // A set is finished when its manifest is written, last. The query looks back 26 hours, a night's run plus its
    // duration; the rule's two-day window only bounds what it reads.
    name: 'backup-missing'
    displayName: 'ActorRisk: no Table storage backup finished in 26 hours'
    description: 'No backup set was finished (its manifest.json written to ${backupAccountName}/${backupContainerName}) in the last 26 hours: the nightly backup job failed or did not run. ${runbook}no-recent-backup'
    severity: 2
    frequency: 'PT1H'
    window: 'P2D'
    aggregation: 'Minimum'
    operator: 'LessThan'
    threshold: 1
    query: $'''
StorageBlobLogs
| where TimeGenerated > ago(26h) and AccountName == "${backupAccountName}" and OperationName in ("PutBlob", "PutBlockList")
| where Uri contains "/${backupContainerName}/" and Uri contains "/manifest.json" and toint(StatusCode) between (200 .. 299)
| summarize Value = count()
'''
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: '${namePrefix}-${rule.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: enabled
    scopes: [workspace.id]
    targetResourceTypes: ['Microsoft.OperationalInsights/workspaces']
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    autoMitigate: true
    // A new workspace may not know the Application Insights tables until the first telemetry arrives, and a query that
    // names an unknown table would fail the whole provision; the tests check the queries against docs/telemetry.md.
    skipQueryValidation: true
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: rule.aggregation
          metricMeasureColumn: 'Value'
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}]

@description('Resource id of the action group the rules notify.')
output actionGroupId string = actionGroup.id

@description('Names of the alert rules.')
output ruleNames array = [for (rule, index) in rules: alertRules[index].name]
