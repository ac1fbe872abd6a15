package com.paycallback.shop;

/** An order the shop refuses to place, with the reason a buyer would be told. */
public class OrderRejected extends RuntimeException {
  public OrderRejected(String reason) {
    super(reason);
  }
}
