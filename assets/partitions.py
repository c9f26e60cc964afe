"""Every asset is partitioned by intake batch; the sensor adds a partition per new batch."""

from dagster import DynamicPartitionsDefinition

batches = DynamicPartitionsDefinition(name="batches")
