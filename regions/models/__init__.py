from regions.models.geography import Province, Region

__all__ = ["Province", "Region"]
