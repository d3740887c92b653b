from clusters.importing.service import ImportReport, cluster_import

__all__ = ["ImportReport", "cluster_import"]
