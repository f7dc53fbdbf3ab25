{{- define "order-saga.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "order-saga.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: order-saga
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Name of a service's Kubernetes Service, computed by the generic chart's own helper so that the names
cannot drift apart. Argument: (list $ "<alias>").
*/}}
{{- define "order-saga.serviceName" -}}
{{- $root := index . 0 }}
{{- $alias := index . 1 }}
{{- $values := index $root.Values $alias }}
{{- if not (kindIs "map" $values) }}
{{- fail (printf "no service %q in the values of this chart" $alias) }}
{{- end }}
{{- include "saga-service.fullname" (dict "Chart" (dict "Name" $alias) "Release" $root.Release "Values" $values) }}
{{- end }}

{{- define "order-saga.serviceEnabled" -}}
{{- $values := index (index . 0).Values (index . 1) }}
{{- if and (kindIs "map" $values) (ne (toString $values.enabled) "false") }}true{{ end }}
{{- end }}

{{/*
API version of the Strimzi resources: topics.apiVersion if set; else kafka.strimzi.io/v1 (Strimzi 0.49+),
unless the cluster serves only v1beta2 (helm install/upgrade sees the cluster's APIs; helm template does not,
and assumes v1 unless given --api-versions).
*/}}
{{- define "order-saga.strimziApiVersion" -}}
{{- if .Values.topics.apiVersion }}
{{- .Values.topics.apiVersion }}
{{- else if and (not (.Capabilities.APIVersions.Has "kafka.strimzi.io/v1/KafkaTopic")) (.Capabilities.APIVersions.Has "kafka.strimzi.io/v1beta2/KafkaTopic") }}
{{- "kafka.strimzi.io/v1beta2" }}
{{- else }}
{{- "kafka.strimzi.io/v1" }}
{{- end }}
{{- end }}
