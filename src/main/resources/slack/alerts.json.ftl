<#--
  alerthook's Slack message for one alert group: the body of an incoming-webhook POST, in JSON.
  Copy this file, change it, and point alerthook.slack.template at the copy (see README, "Slack").
  Every ${...} is escaped for Slack and JSON by alerthook, so alert text can neither break the JSON nor turn into
  a link or a mention. What a template sees: title, status, firing, resolved, severity, receiver, groupKey,
  groupLabels, commonLabels (lists of name/value), externalURL, silenceURL, alerts, moreAlerts, truncatedAlerts;
  per alert: status, firing, alertname, severity, title, description, labels, annotations, startsAt, endsAt,
  fingerprint, generatorURL, silenceURL. alerthook shows fewer alerts (and more in moreAlerts) until the message
  fits Slack's limits.
-->
<#if status == "resolved"><#assign color = "#2EB67D", icon = ":white_check_mark:">
<#elseif severity == "critical"><#assign color = "#E01E5A", icon = ":fire:">
<#elseif severity == "warning"><#assign color = "#ECB22E", icon = ":warning:">
<#else><#assign color = "#439FE0", icon = ":information_source:">
</#if>
{
  "text": "${title}<#if alerts?size == 1>: ${alerts[0].title}</#if>",
  "attachments": [{
    "color": "${color}",
    "blocks": [
      {"type": "section", "text": {"type": "mrkdwn", "text": "${icon} *${title}*"}}
<#list alerts as alert>
      ,{"type": "section", "text": {"type": "mrkdwn", "text": "*Alert:* ${alert.title} - `${alert.severity}`<#if !alert.firing> *RESOLVED*</#if>\n<#if alert.description?has_content>*Description:* ${alert.description}\n</#if>*Details:*\n<#list alert.labels as label>  • *${label.name}:* `${label.value}`\n</#list><#if alert.generatorURL?has_content><${alert.generatorURL}|Source></#if><#if alert.generatorURL?has_content && alert.silenceURL?has_content> · </#if><#if alert.silenceURL?has_content><${alert.silenceURL}|Silence></#if>"}}
</#list>
<#if moreAlerts gt 0 || truncatedAlerts gt 0>
      ,{"type": "context", "elements": [{"type": "mrkdwn", "text": "<#if moreAlerts gt 0>_and ${moreAlerts} more alerts_</#if><#if moreAlerts gt 0 && truncatedAlerts gt 0> · </#if><#if truncatedAlerts gt 0>_${truncatedAlerts} more alerts in this group were left out by Alertmanager (max_alerts)_</#if>"}]}
</#if>
<#if externalURL?has_content>
      ,{"type": "context", "elements": [{"type": "mrkdwn", "text": "<${externalURL}|Alertmanager><#if silenceURL?has_content> · <${silenceURL}|Silence this group></#if>"}]}
</#if>
    ]
  }]
}
