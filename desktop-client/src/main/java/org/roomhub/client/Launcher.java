package org.roomhub.client;

public final class Launcher { public static void main(String[] a) { System.out.println("desktop"); } }
