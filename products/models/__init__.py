from .pages import JoiningAgreement, ProductIndexPage, ProductPage, ProductStatus, ProductSupplier

__all__ = ["JoiningAgreement", "ProductIndexPage", "ProductPage", "ProductStatus", "ProductSupplier"]
